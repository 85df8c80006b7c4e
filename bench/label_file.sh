#!/usr/bin/env bash
# "Label the file" benchmark: a CFPB-shaped CSV of LABEL_MB MB (bench/make_big_csv.py) labelled in the
# app in headless Chromium by the in-browser classifier trained on the app's split of it
# (bench/label_file_wasm.mjs: reading, parsing, answering and writing the labelled CSV, in frame slices,
# all in), against Debian's fastText 0.9.2 (`fasttext predict`, one thread, natively) answering the same
# rows' texts (one line each, fastText's format, prepared beforehand and not timed) with a model trained
# on a 20,000-row sample of them. Peak WASM memory is the page's heap size at the end (it only grows).
# Ends with exactly:
#   label_file mb=<n> rows=<n> tuneboard_rows_s=<x> fasttext_rows_s=<x> peak_wasm_mb=<x>
# env: LABEL_MB (default 1000), TB_BENCH_DIR (work files, default /tmp/tb-label-file). Needs the web build
# (cmake --build --preset web).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mb=${LABEL_MB:-1000}
work=${TB_BENCH_DIR:-/tmp/tb-label-file}
mkdir -p "$work"
export NODE_PATH=/usr/share/nodejs

if ! command -v fasttext >/dev/null; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y fasttext >/dev/null 2>&1 || { $sudo apt-get update >/dev/null && $sudo apt-get install -y fasttext >/dev/null; }
fi
[ -f build/web/index.html ] || { echo "label_file: build the web app first (cmake --build --preset web)" >&2; exit 1; }

csv="$work/complaints-${mb}mb.csv"
[ -f "$csv" ] || python3 bench/make_big_csv.py "$csv" "$mb"

# Every row's text as fastText reads it (labels from Product), and a sample to train on.
python3 - "$csv" "$work/all.txt" "$work/train.txt" <<'PY'
import csv, random, re, sys
src, all_out, train_out = sys.argv[1:4]
csv.field_size_limit(1 << 30)
random.seed(1)
sample = []
with open(src, encoding="utf-8", newline="") as f, open(all_out, "w", encoding="utf-8") as out:
    reader = csv.reader(f)
    header = next(reader)
    text, label = header.index("Consumer complaint narrative"), header.index("Product")
    for n, row in enumerate(reader):
        line = "__label__" + re.sub(r"\s+", "_", row[label]) + " " + " ".join(row[text].split()) + "\n"
        out.write(line)
        if len(sample) < 20000:
            sample.append(line)
        elif random.random() < 20000 / (n + 1):
            sample[random.randrange(20000)] = line
with open(train_out, "w", encoding="utf-8") as out:
    out.writelines(sample)
PY
rows=$(wc -l < "$work/all.txt")
fasttext supervised -input "$work/train.txt" -output "$work/model" -thread 1 -epoch 5 -wordNgrams 1 -dim 50 -seed 1 >/dev/null 2>&1
start=$(date +%s.%N)
fasttext predict-prob "$work/model.bin" "$work/all.txt" > /dev/null
end=$(date +%s.%N)
fasttext_rows_s=$(python3 -c "print(round($rows / ($end - $start)))")
echo "fasttext rows=$rows seconds=$(python3 -c "print(round($end - $start, 2))") rows_s=$fasttext_rows_s"

line=$(node bench/label_file_wasm.mjs "$csv" | grep '^tuneboard ')
echo "$line"
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$line"; }
echo "label_file mb=$mb rows=$(field rows) tuneboard_rows_s=$(field rows_s) fasttext_rows_s=$fasttext_rows_s peak_wasm_mb=$(field peak_wasm_mb)"
