#!/usr/bin/env bash
# Ingest benchmark: one generated CFPB-shaped file of MB megabytes (default 200) streamed through
# Tuneboard's ingest in headless Chromium beside uDSV, PapaParse and the bytes-only floor; the native
# reader and loader on the same file; then a 1 GB file for the peak WASM memory.
# usage: bench/ingest.sh [MB] [ROUNDS]    (TB_BENCH_MEMORY_MB=0 skips the 1 GB run)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mb=${1:-200}
rounds=${2:-3}
memory_mb=${TB_BENCH_MEMORY_MB:-1000}
work=${TB_BENCH_DIR:-/tmp/tuneboard-bench}
mkdir -p "$work"

bash scripts/bootstrap.sh
python3 serve.py --no-serve >/dev/null
cmake --preset native-release >/dev/null
cmake --build --preset native-release -j "$(nproc)" --target tb_ingest_bench >/dev/null

# The file the issue measures against is csvbench's (beside the project, not in it); without it, a
# CFPB-shaped file made from the demo rows, which has more short, quote-heavy fields.
yardstick="$root/../shared/tools/csvbench/gen_cfpb_like.py"
if [ -f "$yardstick" ]; then
  data="$work/yardstick-$mb.csv"
  [ -f "$data" ] || python3 "$yardstick" "$data" "$mb"
else
  echo "(csvbench's generator not found beside the project: using bench/make_big_csv.py)" >&2
  data="$work/cfpb-$mb.csv"
  [ -f "$data" ] || python3 bench/make_big_csv.py "$data" "$mb"
fi
build/native-release/tb_ingest_bench "$data" "$rounds"
result=$(node bench/ingest/run.mjs "$data" "$rounds" | tee /dev/stderr | tail -n 1)

if [ "$memory_mb" != 0 ]; then
  big="$work/cfpb-$memory_mb.csv"
  [ -f "$big" ] || python3 bench/make_big_csv.py "$big" "$memory_mb"
  peak=$(node bench/ingest/run.mjs "$big" 1 --app-only | tee /dev/stderr | tail -n 1 | sed -n 's/.*peak_wasm_mb=\([0-9]*\).*/\1/p')
  echo "(peak WASM memory while reading ${memory_mb} MB: ${peak} MB)" >&2
  result=$(echo "$result" | sed "s/peak_wasm_mb=[0-9]*/peak_wasm_mb=$peak/")
fi
echo "$result"
