# Sourced by the benchmarks that run one of their programs built for WebAssembly in headless Chromium
# (bench/local_model_wasm.mjs, which builds nothing). build_web_targets TARGET... builds them in
# TB_WEB_BUILD_DIR (default build/web-build, the web preset's, configured as tests/run.sh configures it;
# another folder is configured here if it is not yet) and exports what local_model_wasm.mjs reads.
# Needs $root (the repository) and $jobs.
build_web_targets() {
  local web_build=${TB_WEB_BUILD_DIR:-$root/build/web-build}
  export NODE_PATH=/usr/share/nodejs TB_WEB_BUILD_DIR="$web_build"
  if [ "$web_build" = "$root/build/web-build" ]; then
    [ -f "$root/build/web-build/CMakeCache.txt" ] || (cd "$root" && emcmake cmake --preset web >/dev/null)
    (cd "$root" && cmake --build --preset web -j "$jobs" --target "$@" >/dev/null)
  else
    [ -f "$web_build/CMakeCache.txt" ] || emcmake cmake -S "$root" -B "$web_build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$web_build" -j "$jobs" --target "$@" >/dev/null
  fi
}
