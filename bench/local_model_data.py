#!/usr/bin/env python3
"""Writes a CFPB-shaped CSV's labelled texts as fastText training and test files, for bench/local_model.sh.

Each line is `__label__<Product> <narrative>`: the label with its whitespace made '_' (fastText splits on
it), the narrative with its line breaks made spaces (fastText reads one example per line). Missing texts
(empty, whitespace-only or "None", as the app counts them) are left out. The rows are shuffled with a
fixed seed, then the first go to training and the next to test: the same files for both tools.

usage: local_model_data.py FILE.csv OUT_PREFIX [--train N --test M | --train-fraction F]
writes OUT_PREFIX.train.txt and OUT_PREFIX.test.txt, prints "train=<n> test=<n> classes=<n>"
"""
import argparse
import csv
import random
import re
import sys

TEXT, LABEL = "Consumer complaint narrative", "Product"


def labelled_rows(path):
    """Every row with a text and a label as (fastText label, text on one line), in file order."""
    csv.field_size_limit(sys.maxsize)
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        for record in csv.DictReader(f):
            text, label = record[TEXT], record[LABEL]
            if not text.strip() or text.strip() == "None" or not label.strip():
                continue
            rows.append(("__label__" + re.sub(r"\s", "_", label.strip()), re.sub(r"[\r\n]", " ", text)))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("out_prefix")
    ap.add_argument("--train", type=int)
    ap.add_argument("--test", type=int)
    ap.add_argument("--train-fraction", type=float, default=0.8)
    ap.add_argument("--seed", type=int, default=20240611)
    args = ap.parse_args()

    rows = labelled_rows(args.csv)
    random.Random(args.seed).shuffle(rows)
    if args.train is not None:
        train_n = args.train
        test_n = args.test if args.test is not None else len(rows) - train_n
        if train_n + test_n > len(rows):
            sys.exit(f"only {len(rows)} rows with text, {train_n + test_n} asked for")
    else:
        train_n = int(len(rows) * args.train_fraction)
        test_n = len(rows) - train_n
    for name, part in (("train", rows[:train_n]), ("test", rows[train_n:train_n + test_n])):
        with open(f"{args.out_prefix}.{name}.txt", "w", encoding="utf-8", newline="\n") as out:
            for label, text in part:
                out.write(f"{label} {text}\n")
    print(f"train={train_n} test={test_n} classes={len({label for label, _ in rows})}")


if __name__ == "__main__":
    main()
