#!/usr/bin/env python3
"""Writes a CFPB-shaped CSV's labelled texts as training, validation and test files for bench/linear.sh.

Lines are `__label__<Product> <narrative>` as bench/local_model_data.py writes them (its rules for missing
texts and labels). The rows are shuffled with a fixed seed; the first VALIDATION go to validation, the
next TEST to test, and training takes the next TRAIN rows, or with `--train all` every row left — as
Tuneboard's "every labelled row outside validation and test". Classes with fewer than MIN_ROWS rows in the
file are left out (a split drops them too).

usage: linear_data.py FILE.csv OUT_PREFIX --train N|all --validation M --test T [--seed S] [--min-rows R]
prints "train=<n> validation=<n> test=<n> classes=<n>"
"""
import argparse
import collections
import random

from local_model_data import labelled_rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("out_prefix")
    ap.add_argument("--train", required=True)
    ap.add_argument("--validation", type=int, required=True)
    ap.add_argument("--test", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-rows", type=int, default=50)
    args = ap.parse_args()

    rows = labelled_rows(args.csv)
    counts = collections.Counter(label for label, _ in rows)
    rows = [row for row in rows if counts[row[0]] >= args.min_rows]
    random.Random(args.seed).shuffle(rows)
    validation, test = rows[:args.validation], rows[args.validation:args.validation + args.test]
    rest = rows[args.validation + args.test:]
    train = rest if args.train == "all" else rest[:int(args.train)]
    for name, part in (("train", train), ("validation", validation), ("test", test)):
        with open(f"{args.out_prefix}.{name}.txt", "w", encoding="utf-8", newline="\n") as out:
            for label, text in part:
                out.write(f"{label} {text}\n")
    print(f"train={len(train)} validation={len(validation)} test={len(test)} classes={len({l for l, _ in rows})}")


if __name__ == "__main__":
    main()
