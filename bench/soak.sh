#!/usr/bin/env bash
# Fault soak: 1,000 test rows evaluated against the fake OpenAI server with 20 % 429s, 5 % 500s, random
# latency and a reload in the middle, then again cleanly; ends with one line:
# soak rows=<n> asked=<requests that reached the fake> duplicates=<rows answered twice> identical=<true|false>
# usage: bench/soak.sh [--rows 1000] [--seed 1] [--rate-429 0.2] [--rate-500 0.05] [--latency-ms 150] …
#        (every option of bench/soak.mjs)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/bootstrap.sh
python3 serve.py --no-serve >/dev/null
node bench/soak.mjs "$@"
