#!/usr/bin/env bash
# Builds the fuzz targets (libFuzzer, AddressSanitizer, UBSan; Debian's clang-14) and runs each on its
# seed corpus, reporting executions per target. Exits non-zero when any target finds a crash or a broken
# property; the input that did it is saved in build/fuzz/findings/ (build/fuzz-long/ for --seconds).
#
#   tests/fuzz/run.sh --runs N      each target for N executions (tests/run.sh)
#   tests/fuzz/run.sh --seconds S   each target for S seconds (bench/fuzz.sh)
#   tests/fuzz/run.sh --seeds       writes the generated seeds (models, an experiment) into the corpora
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
build=build/fuzz
targets=(batch_output csv_chunks experiment_import model_file provider_response prompt_template)
jobs=$(nproc 2>/dev/null || echo 2)

optimize=-O0  # quick to build: a short run needs no speed
case "${1:-}" in
  --runs) limit=(-runs="${2:?--runs N}") ;;
  --seconds) limit=(-max_total_time="${2:?--seconds S}"); optimize=-O1; build=build/fuzz-long ;;
  --seeds) limit=() ;;
  *) echo "usage: $0 --runs N | --seconds S | --seeds" >&2; exit 2 ;;
esac

cmake -S tests/fuzz -B "$build" -DCMAKE_CXX_COMPILER=clang++-14 -DTB_FUZZ_OPTIMIZE="$optimize" >/dev/null
if [ "$1" = --seeds ]; then
  cmake --build "$build" -j "$jobs" --target make_fuzz_seeds >/dev/null
  "$build/make_fuzz_seeds" tests/fuzz/corpus
  exit 0
fi
cmake --build "$build" -j "$jobs" >/dev/null

mkdir -p "$build/findings"
failed=0
for target in "${targets[@]}"; do
  # New inputs go to a scratch folder, never into the committed corpus.
  scratch=$(mktemp -d)
  log="$build/$target.log"
  status=ok
  if ! "$build/fuzz_$target" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$build/findings/$target-" "$scratch" "tests/fuzz/corpus/$target" >"$log" 2>&1; then
    status=FINDING
    failed=1
  fi
  rm -rf "$scratch"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  printf 'fuzz %-18s executions=%s per_second=%s %s\n' "$target" "${runs:-?}" "${speed:-?}" "$status"
  if [ "$status" != ok ]; then
    grep -E 'ERROR|property broken|SUMMARY|Test unit written' "$log" | head -20 >&2 || true
  fi
done
exit "$failed"
