#!/usr/bin/env bash
# Tokenizer benchmark: every text of the demo data counted by Tuneboard's BPE and by js-tiktoken in the
# same headless Chromium page; ends with one line:
# tokenizer rows=<n> mismatches=<n> tuneboard=<tokens/s> js_tiktoken=<tokens/s> ratio=<x>
# usage: bench/tokenizer.sh [ROUNDS] [ENCODING]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/bootstrap.sh
python3 serve.py --no-serve >/dev/null
node bench/tokenizer/run.mjs build/web/demo/cfpb-demo-synthetic.csv "${1:-3}" "${2:-o200k_base}"
