#!/usr/bin/env bash
# The embeddings candidate's classifier (src/core/linear/vector_search.h: the TF-IDF model's solver on
# dense rows, standardised, C chosen on the validation rows) on ROWS generated vectors of DIMS dimensions
# with class structure (bench/vectors_native.cpp: 6 unbalanced classes, each row its class's centre plus
# Gaussian noise, unit length), 1,000 validation and 5,000 test rows: natively (tb_vector_bench), in
# headless Chromium (the same program built for WebAssembly, bench/local_model_wasm.mjs PROGRAM=vectors),
# and beside scikit-learn's StandardScaler + LogisticRegression(class_weight="balanced") on the same
# vectors and grid (bench/vectors_sklearn.py, Debian's python3-sklearn). Times are one run each of the
# standardisation and the whole grid; ours tries the grid on a 10,000-row sample and fits the chosen C on
# every row (VectorSearchSettings::tune_rows), scikit-learn fits every C on every row. Ends with one line:
#   embeddings rows=<n> dims=<d> acc=<x> acc_sklearn=<x> train_s_wasm=<x> train_s_native=<x> sklearn_s=<x>
# usage: bench/embeddings.sh [ROWS [DIMS]]   (defaults 100000, 1536)
# env: TB_BUILD_DIR (default build/native-release), TB_WEB_BUILD_DIR (default build/web-build),
#      TB_BENCH_DIR (work files, default /tmp/tb-embeddings: the vectors take ROWS × DIMS × 4 bytes)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
rows=${1:-100000}
dims=${2:-1536}
build=${TB_BUILD_DIR:-$root/build/native-release}
jobs=$(nproc 2>/dev/null || echo 2)
work=${TB_BENCH_DIR:-/tmp/tb-embeddings}
mkdir -p "$work"

if ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y python3-sklearn >/dev/null 2>&1 ||
    { $sudo apt-get update >/dev/null && $sudo apt-get install -y python3-sklearn >/dev/null; }
fi
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTB_SANITIZE=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target tb_vector_bench >/dev/null
bench=$(find "$build" -name tb_vector_bench -type f -perm -u+x | head -n 1)
source bench/web_targets.sh
build_web_targets tb_vector_bench_web

field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p"; }  # field NAME < line

flags=(--rows "$rows" --dims "$dims")
# Each tool's lines (its trials) are printed as they are, then its last line is read.
native=$("$bench" "${flags[@]}" --write "$work/vectors")
echo "$native"
native=$(tail -n 1 <<<"$native")
sk=$(/usr/bin/python3 bench/vectors_sklearn.py "$work/vectors" "$dims")
echo "$sk"
sk=$(tail -n 1 <<<"$sk")
wasm=$(ROUNDS=1 PROGRAM=vectors node bench/local_model_wasm.mjs "${flags[@]}" | grep '^tuneboard ' | tail -n 1)
echo "wasm: $wasm"
rm -f "$work"/vectors.*
echo "embeddings rows=$rows dims=$dims acc=$(field acc <<<"$native") acc_sklearn=$(field acc <<<"$sk")" \
  "train_s_wasm=$(field total_s <<<"$wasm") train_s_native=$(field total_s <<<"$native") sklearn_s=$(field search_s <<<"$sk")"
