#!/usr/bin/env bash
# Local-model benchmark: Tuneboard's fastText-style classifier (src/core/train, native build) against
# Debian's fasttext 0.9.2 with one thread, on the same train/test files with the same hyperparameters:
# the demo data (80/20 split), then a larger generated set (BIG_TRAIN training rows, 5,000 test rows).
# Both tools' times are the best wall clock of ROUNDS runs of reading, building, training and saving;
# accuracy is precision@1 on the test file (the same for every run: both are deterministic with one
# thread and a seed). The same benchmark program built for WebAssembly (the web build's
# tb_local_model_bench_web target) then runs ROUNDS times in headless Chromium through
# bench/local_model_wasm.mjs: wasm_s is the best of its own read+prepare+train+save times, as native_s.
# Prints a line per set, then for the larger set:
#   local_model rows=<n> acc_tuneboard=<x> acc_fasttext=<x> native_s=<x> fasttext_s=<x> wasm_s=<x>
#
# Then the TF-IDF + logistic regression model (src/core/linear, bench/linear_native.cpp) against its
# yardstick, scikit-learn 1.2's TfidfVectorizer(sublinear_tf=True) + LogisticRegression(class_weight=
# "balanced") on the same files and the same grid (bench/linear_sklearn.py, Debian's python3-sklearn), and
# Debian's fasttext with 60 s of -autotune-validation on the same validation file. Each tool chooses on the
# validation file and is scored once on the test file; times are one run each of the features + the grid
# (scikit-learn's and ours) — fastText's is its autotune budget. The sets: the real CFPB excerpt
# (../shared/data/cfpb_2015_narratives_3947.csv, skipped when absent: it is never in the repository) with
# 100 and with all training rows beside 100 validation and 100 test rows; the demo data (100 / 100 / 100);
# a generated set of LINEAR_BIG training rows (1,000 validation, 5,000 test). The real sets and the demo
# set run a second time with character n-grams beside the words (--chars; "-chars" in the set's name,
# acc_fasttext=n/a). Its WebAssembly build
# (tb_linear_bench_web) runs the same in headless Chromium. Ends with exactly one line, for the last set:
#   local_linear rows=<n> acc_tuneboard=<x> acc_sklearn=<x> acc_fasttext=<x> native_s=<x> sklearn_s=<x> wasm_s=<x>
# usage: bench/local_model.sh [BIG_TRAIN [ROUNDS]]   (defaults 20000, 3)
# env: LINEAR_BIG (default 100000), LINEAR_ONLY=1 to skip the fastText-style part
# env: TB_BUILD_DIR (default build/native-release), TB_WEB_BUILD_DIR (default build/web-build, the web
#      preset's; another folder is configured here if it is not yet), TB_BENCH_DIR (work files, default
#      /tmp/tb-local-model)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
big_train=${1:-20000}
rounds=${2:-3}
build=${TB_BUILD_DIR:-$root/build/native-release}
jobs=$(nproc 2>/dev/null || echo 2)
work=${TB_BENCH_DIR:-/tmp/tb-local-model}
mkdir -p "$work"

# The app's defaults (tb::train::Hyperparameters), as fastText flags. Epochs are fastText's 5, which is
# what the page's automatic epochs (tb::train::auto_epochs) give from 4,000 training rows on: the larger
# set's; on the demo set's 2,400 rows the page would train 9 (bench/local_model_small.sh measures that rule).
flags=(-dim 50 -lr 0.5 -epoch 5 -wordNgrams 2 -bucket 200000 -minCount 1 -minn 0 -maxn 0 -seed 1)

if ! command -v fasttext >/dev/null || ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y fasttext python3-sklearn >/dev/null 2>&1 ||
    { $sudo apt-get update >/dev/null && $sudo apt-get install -y fasttext python3-sklearn >/dev/null; }
fi

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTB_SANITIZE=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target tb_local_model_bench tb_linear_bench >/dev/null
bench=$(find "$build" -name tb_local_model_bench -type f -perm -u+x | head -n 1)
linear_bench=$(find "$build" -name tb_linear_bench -type f -perm -u+x | head -n 1)

# The WebAssembly build of the same program, configured as tests/run.sh configures the web preset
# (bench/local_model_wasm.mjs builds nothing; TB_WEB_BUILD_DIR tells it where to look).
source bench/web_targets.sh
build_web_targets tb_local_model_bench_web tb_linear_bench_web

# The data: the demo set, and a larger one from the same generator with another seed (about 84 % of its
# rows have a text).
python3 assets/make_demo_data.py "$work/demo.csv" >/dev/null
python3 bench/local_model_data.py "$work/demo.csv" "$work/demo" >/dev/null
python3 assets/make_demo_data.py "$work/big.csv" --rows $(((big_train + 5000) * 13 / 10)) --seed 7 >/dev/null
python3 bench/local_model_data.py "$work/big.csv" "$work/big" --train "$big_train" --test 5000 >/dev/null

now() { date +%s.%N; }
min() { python3 -c 'import sys; print(f"{min(float(x) for x in sys.argv[1:]):.3f}")' "$@"; }
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p"; }  # field NAME < line

# Runs one set (demo or big) and sets rows, acc_tb, acc_ft, native_s, fasttext_s and wasm_s; prints
# Tuneboard's detailed lines (phases, losses, model size), native and WebAssembly, first.
run_set() {
  local name=$1 train="$work/$1.train.txt" test="$work/$1.test.txt"
  local fasttext_times=() native_times=() line="" start end wasm_out
  for _ in $(seq "$rounds"); do
    start=$(now)
    fasttext supervised -input "$train" -output "$work/$name.fasttext" "${flags[@]}" -thread 1 \
      >"$work/$name.fasttext.log" 2>&1
    end=$(now)
    fasttext_times+=("$(python3 -c "print($end - $start)")")
    line=$("$bench" "$train" "$test" "${flags[@]}" -output "$work/$name.tuneboard.bin")
    native_times+=("$(field total_s <<<"$line")")
  done
  echo "  $name: $line"
  rows=$(field rows <<<"$line")
  acc_tb=$(field acc <<<"$line")
  acc_ft=$(fasttext test "$work/$name.fasttext.bin" "$test" | sed -n 's/^P@1[[:space:]]*//p')
  native_s=$(min "${native_times[@]}")
  fasttext_s=$(min "${fasttext_times[@]}")
  wasm_out=$(ROUNDS=$rounds node bench/local_model_wasm.mjs "$train" "$test" "${flags[@]}")
  echo "  $name (wasm): $(grep '^tuneboard ' <<<"$wasm_out" | tail -n 1)"
  wasm_s=$(field wasm_s <<<"$wasm_out")
}

if [ "${LINEAR_ONLY:-0}" != 1 ]; then
run_set demo
echo "local_model_set name=demo rows=$rows acc_tuneboard=$acc_tb acc_fasttext=$acc_ft native_s=$native_s fasttext_s=$fasttext_s wasm_s=$wasm_s"
run_set big
echo "local_model rows=$rows acc_tuneboard=$acc_tb acc_fasttext=$acc_ft native_s=$native_s fasttext_s=$fasttext_s wasm_s=$wasm_s"
fi

# --- TF-IDF + logistic regression ------------------------------------------------------------------------
# Runs one set (PREFIX.train/validation/test.txt) and sets acc_tb, acc_sk, acc_ft, native_s, sklearn_s and
# wasm_s; prints each tool's own last line first. FLAGS after the prefix go to both tools (--chars: the
# character n-grams beside the words); fastText's autotune, which has no such switch, runs only without.
run_linear() {
  local prefix=$1 line sk ft_log
  shift
  line=$("$linear_bench" "$prefix".{train,validation,test}.txt "$@" | tail -n 1)
  echo "  tuneboard: $line"
  acc_tb=$(field acc <<<"$line")
  native_s=$(field total_s <<<"$line")
  sk=$(/usr/bin/python3 bench/linear_sklearn.py "$prefix".{train,validation,test}.txt "$@" | tail -n 1)
  echo "  $sk"
  acc_sk=$(field acc <<<"$sk")
  sklearn_s=$(field search_s <<<"$sk")
  # Autotune may try models of gigabytes (up to 300 dimensions × 10 M buckets); if it fails or is killed,
  # the line says so rather than ending the benchmark.
  if [ $# -gt 0 ]; then
    acc_ft=n/a
  elif fasttext supervised -input "$prefix.train.txt" -output "$prefix.autotune" -autotune-validation \
    "$prefix.validation.txt" -autotune-duration 60 -thread 1 >"$prefix.autotune.log" 2>&1; then
    acc_ft=$(fasttext test "$prefix.autotune.bin" "$prefix.test.txt" | sed -n 's/^P@1[[:space:]]*//p')
  else
    acc_ft="failed(exit_$?)"
  fi
  line=$(ROUNDS=1 PROGRAM=linear node bench/local_model_wasm.mjs "$prefix".{train,validation,test}.txt "$@" | grep '^tuneboard ' | tail -n 1)
  echo "  wasm: $line"
  wasm_s=$(field total_s <<<"$line")
}

linear_line() {  # NAME ROWS
  echo "$1 rows=$2 acc_tuneboard=$acc_tb acc_sklearn=$acc_sk acc_fasttext=$acc_ft native_s=$native_s sklearn_s=$sklearn_s wasm_s=$wasm_s"
}

real="$root/../shared/data/cfpb_2015_narratives_3947.csv"
if [ -f "$real" ]; then
  for train in 100 all; do
    rows=$(python3 bench/linear_data.py "$real" "$work/real-$train" --train "$train" --validation 100 --test 100 |
      sed -n 's/^train=\([0-9]*\).*/\1/p')
    run_linear "$work/real-$train"
    linear_line "local_linear_set name=real-$train" "$rows"
    run_linear "$work/real-$train" --chars
    linear_line "local_linear_set name=real-$train-chars" "$rows"
  done
else
  echo "local_linear_set name=real skipped: $real is not here"
fi
python3 bench/linear_data.py "$work/demo.csv" "$work/linear-demo" --train 100 --validation 100 --test 100 --min-rows 1 >/dev/null
run_linear "$work/linear-demo"
linear_line "local_linear_set name=demo" 100
run_linear "$work/linear-demo" --chars
linear_line "local_linear_set name=demo-chars" 100
linear_big=${LINEAR_BIG:-100000}
python3 assets/make_demo_data.py "$work/linear-big.csv" --rows $(((linear_big + 6000) * 13 / 10)) --seed 7 >/dev/null
python3 bench/linear_data.py "$work/linear-big.csv" "$work/linear-big" --train "$linear_big" --validation 1000 --test 5000 \
  --min-rows 1 >/dev/null
run_linear "$work/linear-big"
linear_line local_linear "$linear_big"
