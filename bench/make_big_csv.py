#!/usr/bin/env python3
"""Writes a CFPB-shaped CSV of at least N MB for benchmarks: the synthetic demo rows (assets/), repeated
with fresh complaint ids until the size is reached. Fast (a few seconds per GB), deterministic.

usage: make_big_csv.py OUT.csv MEGABYTES
"""
import csv
import io
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]


def main():
    out, megabytes = sys.argv[1], float(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        demo = pathlib.Path(tmp) / "demo.csv"
        subprocess.run([sys.executable, str(ROOT / "assets" / "make_demo_data.py"), str(demo)], check=True)
        rows = list(csv.reader(demo.open(encoding="utf-8", newline="")))
    header, data = rows[0], rows[1:]
    block = io.StringIO()
    target = int(megabytes * 1e6)
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        complaint_id = 1
        while f.tell() < target:
            block.seek(0)
            block.truncate()
            block_writer = csv.writer(block, lineterminator="\n")
            for row in data:
                row[-1] = str(complaint_id)
                complaint_id += 1
                block_writer.writerow(row)
            f.write(block.getvalue())


if __name__ == "__main__":
    main()
