#!/usr/bin/env python3
"""Reports what the page loads before its first frame, gzipped (level 9, as static hosts serve it), and
checks it against the 700 KB budget. Run after a web build: python3 bench/page_weight.py [SITE_DIR]

Ends with one line: page_weight files=<n> raw_kb=<x> gzip_kb=<x> budget_kb=700
"""
import gzip
import pathlib
import re
import sys

BUDGET_KB = 700


def main():
    site = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[1] / "build" / "web")
    html = (site / "index.html").read_text(encoding="utf-8")
    # Everything index.html references, plus the wasm the app script fetches; fonts are compiled in.
    names = ["index.html"] + re.findall(r'(?:src|href)="([^":]+)"', html) + ["tuneboard.wasm"]
    raw_total = gzip_total = 0
    for name in dict.fromkeys(names):
        data = (site / name).read_bytes()
        packed = len(gzip.compress(data, 9))
        raw_total += len(data)
        gzip_total += packed
        print(f"{name:24} {len(data) / 1000:9.1f} KB  {packed / 1000:8.1f} KB gzipped")
    print(f"page_weight files={len(dict.fromkeys(names))} raw_kb={raw_total / 1000:.1f} "
          f"gzip_kb={gzip_total / 1000:.1f} budget_kb={BUDGET_KB}")
    return 0 if gzip_total <= BUDGET_KB * 1000 else 1


if __name__ == "__main__":
    sys.exit(main())
