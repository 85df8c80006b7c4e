#!/usr/bin/env python3
"""Draws a split as the app's default does, for bench/local_model_small.sh: the TOP largest products,
balanced (each part spread evenly over them, remainders to the larger ones), TRAIN / VALIDATION / TEST
rows, from a seed. Writes them as fastText files, `__label__<Product> <narrative>` per line (as
local_model_data.py writes them). The rows differ from the app's own split for the same seed (another
shuffle); the shape is the same.

usage: local_model_split.py FILE.csv OUT_PREFIX [--seed S] [--train N] [--validation N] [--test N] [--top K]
writes OUT_PREFIX.train.txt, .validation.txt and .test.txt; prints "train=<n> validation=<n> test=<n> classes=<k>"
"""
import argparse
import csv
import random
import re
import sys
from collections import defaultdict

TEXT, LABEL = "Consumer complaint narrative", "Product"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("out_prefix")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--train", type=int, default=100)
    ap.add_argument("--validation", type=int, default=100)
    ap.add_argument("--test", type=int, default=100)
    ap.add_argument("--top", type=int, default=6)
    args = ap.parse_args()

    csv.field_size_limit(sys.maxsize)
    by_label = defaultdict(list)
    with open(args.csv, encoding="utf-8", newline="") as f:
        for record in csv.DictReader(f):
            text, label = record[TEXT], record[LABEL].strip()
            if not text.strip() or text.strip() == "None" or not label:
                continue
            by_label[label].append(re.sub(r"[\r\n]", " ", text))
    classes = sorted(by_label, key=lambda label: (-len(by_label[label]), label))[: args.top]
    rng = random.Random(args.seed)
    parts = {"train": [], "validation": [], "test": []}
    sizes = {"train": args.train, "validation": args.validation, "test": args.test}
    for label in classes:
        rng.shuffle(by_label[label])
    taken = {label: 0 for label in classes}
    for name, size in sizes.items():
        for i, label in enumerate(classes):
            quota = size // len(classes) + (1 if i < size % len(classes) else 0)
            rows = by_label[label][taken[label]: taken[label] + quota]
            if len(rows) < quota:
                sys.exit(f"{label} has too few rows for a balanced split of these sizes")
            taken[label] += quota
            parts[name] += [("__label__" + re.sub(r"\s", "_", label), text) for text in rows]
    for name, rows in parts.items():
        rng.shuffle(rows)
        with open(f"{args.out_prefix}.{name}.txt", "w", encoding="utf-8", newline="\n") as out:
            for label, text in rows:
                out.write(f"{label} {text}\n")
    print(" ".join(f"{name}={len(rows)}" for name, rows in parts.items()) + f" classes={len(classes)}")


if __name__ == "__main__":
    main()
