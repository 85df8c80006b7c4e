#!/usr/bin/env bash
# Runs every fuzz target (tests/fuzz/) for SECONDS each (default 60) from its committed seed corpus, and
# prints the executions of each; exits non-zero on a finding, whose input is in build/fuzz-long/findings/
# (built with -O1 there, apart from the quick -O0 build tests/run.sh uses).
#   bench/fuzz.sh [SECONDS]
set -euo pipefail
exec bash "$(dirname "$0")/../tests/fuzz/run.sh" --seconds "${1:-60}"
