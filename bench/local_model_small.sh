#!/usr/bin/env bash
# The fastText-style classifier on the split a new user starts with: 100 training rows of the 6 largest
# products, balanced, scored on 100 validation rows. At fastText's 5 epochs it learns nothing there (its
# training loss stays at ln 6); at the page's default, epochs following the rows (tb::train::auto_epochs),
# it should learn. For each set, SEEDS splits (bench/local_model_split.py) are trained with each of
# `-epoch 5` and `-epoch auto` and the app's other defaults, natively (tb_local_model_bench).
# Sets: the demo data, and the real CFPB excerpts in TB_SHARED_DATA when present (skipped when not).
# Prints one line per set and setting:
#   local_model_small set=<name> epochs=<5|auto (n)> rows=<n> classes=<k> ln_k=<x> train_loss=<mean> [<each>]
#     val_acc=<mean> [<each>]
# (train_loss: the mean loss over the last epoch; val_acc: accuracy on the validation rows.)
# usage: bench/local_model_small.sh [SEEDS]   (default 5)
# env: TB_BUILD_DIR (default build/native-release), TB_BENCH_DIR (work files, default /tmp/tb-local-model-small),
#      TB_SHARED_DATA (default ../shared/data beside the repository)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seeds=${1:-5}
build=${TB_BUILD_DIR:-$root/build/native-release}
work=${TB_BENCH_DIR:-/tmp/tb-local-model-small}
shared=${TB_SHARED_DATA:-$root/../shared/data}
mkdir -p "$work"

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTB_SANITIZE=OFF >/dev/null
cmake --build "$build" -j 2 --target tb_local_model_bench >/dev/null
bench=$(find "$build" -name tb_local_model_bench -type f -perm -u+x | head -n 1)

python3 assets/make_demo_data.py "$work/demo.csv" >/dev/null
sets=("demo=$work/demo.csv")
for csv in "$shared"/cfpb_2015_narratives_*.csv; do
  [ -f "$csv" ] && sets+=("$(basename "$csv" .csv)=$csv")
done

field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p"; }  # field NAME < line

for set in "${sets[@]}"; do
  name=${set%%=*} csv=${set#*=}
  for seed in $(seq "$seeds"); do
    python3 bench/local_model_split.py "$csv" "$work/$name.$seed" --seed "$seed" >/dev/null
  done
  for epochs in 5 auto; do
    losses=() accs=() line=""
    for seed in $(seq "$seeds"); do
      line=$("$bench" "$work/$name.$seed.train.txt" "$work/$name.$seed.validation.txt" -epoch "$epochs")
      losses+=("$(field train_loss <<<"$line")")
      accs+=("$(field acc <<<"$line")")
    done
    python3 - "$name" "$epochs" "$line" "${#losses[@]}" "${losses[@]}" "${accs[@]}" <<'PY'
import math, re, statistics, sys
name, epochs, line, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
losses, accs = [float(x) for x in sys.argv[5:5 + n]], [float(x) for x in sys.argv[5 + n:]]
get = lambda key: re.search(rf"\b{key}=(\S+)", line).group(1)
classes = int(get("classes"))
shown = epochs if epochs != "auto" else f"auto({get('epochs')})"
print(f"local_model_small set={name} epochs={shown} rows={get('rows')} classes={classes} ln_k={math.log(classes):.4f} "
      f"train_loss={statistics.mean(losses):.4f} [{' '.join(f'{x:.4f}' for x in losses)}] "
      f"val_acc={statistics.mean(accs):.3f} [{' '.join(f'{x:.2f}' for x in accs)}]")
PY
  done
done
