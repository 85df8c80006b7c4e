#!/usr/bin/env bash
# Installs everything Tuneboard builds and tests with, and nothing twice: a second run with all present
# only checks and returns. Called by serve.py and tests/run.sh; safe to run by hand.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

imgui_version=1.90.1
imgui_dir="$root/.deps/imgui-$imgui_version"
apt_packages=(emscripten nlohmann-json3-dev catch2 cmake make g++ chromium fonts-inter fonttools unicode-data
              python3 nodejs npm clang-14 libclang-rt-14-dev)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
log() { printf 'bootstrap: %s\n' "$*" >&2; }

apt_updated=0
apt_update_once() {
  [ "$apt_updated" = 1 ] && return
  as_root apt-get update -q >&2
  apt_updated=1
}

missing=()
for pkg in "${apt_packages[@]}"; do
  # The machine may carry node/npm/python3 from elsewhere (not Debian's): a working command is enough.
  case "$pkg" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
    python3) command -v python3 >/dev/null && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2
fi

# Dear ImGui comes from Debian's source package: the binary package has no imgui.cpp and is x86 only.
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  log "fetching Dear ImGui $imgui_version source from Debian"
  src_list=/etc/apt/sources.list.d/tuneboard-trixie-src.sources
  if [ ! -f "$src_list" ]; then
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      | as_root tee "$src_list" >/dev/null
    apt_updated=0
  fi
  apt_update_once
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source --download-only "imgui=$imgui_version+ds-1" >&2)
  mkdir -p "$root/.deps"
  rm -rf "$imgui_dir.partial" && mkdir -p "$imgui_dir.partial"
  tar -xf "$tmp"/imgui_"$imgui_version"+ds.orig.tar.* -C "$imgui_dir.partial" --strip-components=1
  rm -rf "$tmp" "$imgui_dir" && mv "$imgui_dir.partial" "$imgui_dir"
fi

# npm packages, pinned by package-lock.json; reinstalled only when the lock file changes.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
