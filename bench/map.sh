#!/usr/bin/env bash
# The map's drawing: 10^4, 10^5 and 10^6 random points in headless Chromium (SwiftShader: no GPU), each
# drawn by the map's shaders in one instanced call and, as the yardstick, through ImGui's draw list
# (bench/map_wasm.mjs says how frames are timed). Absolute times under SwiftShader are slow; the ratio is
# what carries over to a real GPU. Ends with exactly:
#   map points=1000000 ms_per_frame=<x> imgui_ms_per_frame=<x>
# env: MAP_POINTS (comma-separated counts, default 10000,100000,1000000). Needs the web build
# (cmake --build --preset web).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs
[ -f build/web/index.html ] || { echo "map: build the web app first (cmake --build --preset web)" >&2; exit 1; }
counts=${MAP_POINTS:-10000,100000,1000000}
out=$(node bench/map_wasm.mjs "$counts")
echo "$out"
python3 - "$out" <<'PY'
import re, sys
rows = {}
for line in sys.argv[1].splitlines():
    m = re.match(r"map points=(\d+) draw=(\w+) ms_per_frame=([\d.]+)", line)
    if m:
        rows.setdefault(int(m[1]), {})[m[2]] = float(m[3])
for points in sorted(rows):
    r = rows[points]
    print(f"ratio points={points} imgui_over_shaders={r['imgui'] / r['shaders']:.1f}")
last = max(rows)
print(f"map points={last} ms_per_frame={rows[last]['shaders']:.2f} imgui_ms_per_frame={rows[last]['imgui']:.2f}")
PY
