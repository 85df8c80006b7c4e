#!/usr/bin/python3
"""The yardstick of bench/embeddings.sh: scikit-learn's StandardScaler + LogisticRegression on the vectors
tb_vector_bench --write PREFIX wrote, with the same grid. Debian's python3-sklearn (hence /usr/bin/python3).

StandardScaler fitted on the training vectors; LogisticRegression(C, class_weight="balanced", max_iter=1000,
lbfgs multinomial) for each C; the trial with the best validation accuracy (then the lowest validation log
loss) is scored on the test vectors. Times the scaling and the whole grid, as the native side does. Every
C is fitted on every training row (scikit-learn has no sample-then-fit step).

usage: vectors_sklearn.py PREFIX DIMS [--c 0.001,0.01,0.1,1,10]
prints a line per trial, then "sklearn rows=<n> best_c=<x> val_acc=<x> acc=<x> search_s=<x>"
"""
import argparse
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.preprocessing import StandardScaler


def read(prefix, name, dims):
    x = np.fromfile(f"{prefix}.{name}.f32", dtype="<f4").reshape(-1, dims)
    y = np.fromfile(f"{prefix}.{name}.labels", dtype="<i4")
    return x, y


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("prefix")
    ap.add_argument("dims", type=int)
    ap.add_argument("--c", default="0.001,0.01,0.1,1,10")
    args = ap.parse_args()
    train_x, train_y = read(args.prefix, "train", args.dims)
    val_x, val_y = read(args.prefix, "validation", args.dims)
    test_x, test_y = read(args.prefix, "test", args.dims)

    start = time.perf_counter()
    scaler = StandardScaler().fit(train_x)
    xt, xv = scaler.transform(train_x), scaler.transform(val_x)
    best = None
    for c in sorted(float(v) for v in args.c.split(",")):
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=1000)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            model.fit(xt, train_y)
        accuracy = float((model.predict(xv) == val_y).mean())
        loss = log_loss(val_y, model.predict_proba(xv), labels=model.classes_)
        converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
        print(f"trial c={c:g} val_acc={accuracy:.4f} val_loss={loss:.4f} iterations={int(model.n_iter_[0])} "
              f"converged={int(converged)}", flush=True)
        if best is None or (accuracy, -loss) > (best[0], -best[1]):
            best = (accuracy, loss, c, model)
    search_s = time.perf_counter() - start
    accuracy, _, c, model = best
    test_accuracy = float((model.predict(scaler.transform(test_x)) == test_y).mean())
    print(f"sklearn rows={len(train_y)} best_c={c:g} val_acc={accuracy:.4f} acc={test_accuracy:.4f} search_s={search_s:.3f}")


if __name__ == "__main__":
    main()
