#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the native core tests (AddressSanitizer +
# UBSan) through ctest, each fuzz target for a short fixed number of executions, the web build with its
# size budget, and the browser tests in Chromium.
# Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc 2>/dev/null || echo 2)
step() { printf '\n== %s\n' "$*"; }

step "bootstrap"
bash scripts/bootstrap.sh

step "native core and unit tests"
cmake --preset native >/dev/null
cmake --build --preset native -j "$jobs"
ctest --preset native -j "$jobs"

step "fuzz targets (a short run each; bench/fuzz.sh runs them longer)"
bash tests/fuzz/run.sh --runs 3000

step "web app"
export NODE_PATH=/usr/share/nodejs
[ -f build/web-build/CMakeCache.txt ] || emcmake cmake --preset web >/dev/null
cmake --build --preset web -j "$jobs"
python3 bench/page_weight.py

step "browser tests"
node --test tests/browser/
