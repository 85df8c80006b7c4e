#!/usr/bin/python3
"""The yardstick of bench/linear.sh: scikit-learn's TF-IDF + logistic regression on the same files and the
same grid as tb_linear_bench. Debian's python3-sklearn (hence /usr/bin/python3, not another python).

TfidfVectorizer(sublinear_tf=True, ngram_range=(1, n), min_df, max_features) fitted on the training rows,
LogisticRegression(C, class_weight="balanced", max_iter=1000, lbfgs multinomial); the trial with the best
validation accuracy (then the lowest validation log loss) is scored on the test rows. Times the features
and the whole grid, as the native side does.

With --chars, each trial's features are also the character n-grams of TfidfVectorizer(analyzer="char_wb",
ngram_range=(2, 5), sublinear_tf=True) with the same min_df and max_features, stacked beside the words' (a
FeatureUnion of the two vectorizers, each row normalised in each block), as tb_linear_bench --chars.

usage: linear_sklearn.py TRAIN.txt VALIDATION.txt TEST.txt [--ngrams 1,2] [--c 1,3,10,30,100] [--min-df N]
                         [--max-features N] [--chars]
prints a line per trial, then "sklearn rows=<n> best_ngram=<n> best_c=<x> val_acc=<x> acc=<x> search_s=<x>"
"""
import argparse
import time
import warnings

from scipy.sparse import hstack
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss


def read(path):
    labels, texts = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            label, _, text = line.rstrip("\n").partition(" ")
            labels.append(label)
            texts.append(text)
    return texts, labels


class Features:
    """The words' vectorizer, and with --chars the characters' beside it."""

    def __init__(self, n, args):
        self.parts = [TfidfVectorizer(sublinear_tf=True, ngram_range=(1, n), min_df=args.min_df,
                                      max_features=args.max_features)]
        if args.chars:
            self.parts.append(TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(2, 5),
                                              min_df=args.min_df, max_features=args.max_features))

    def fit_transform(self, texts):
        return hstack([p.fit_transform(texts) for p in self.parts]).tocsr()

    def transform(self, texts):
        return hstack([p.transform(texts) for p in self.parts]).tocsr()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("train")
    ap.add_argument("validation")
    ap.add_argument("test")
    ap.add_argument("--ngrams", default="1,2")
    ap.add_argument("--c", default="1,3,10,30,100")
    ap.add_argument("--min-df", type=int, default=1)
    ap.add_argument("--max-features", type=int, default=100000)
    ap.add_argument("--chars", action="store_true")
    args = ap.parse_args()
    train_x, train_y = read(args.train)
    val_x, val_y = read(args.validation)
    test_x, test_y = read(args.test)
    known = set(train_y)
    val = [(x, y) for x, y in zip(val_x, val_y) if y in known]
    val_x, val_y = [x for x, _ in val], [y for _, y in val]

    start = time.perf_counter()
    best = None
    for n in (int(v) for v in args.ngrams.split(",")):
        vectorizer = Features(n, args)
        xt = vectorizer.fit_transform(train_x)
        xv = vectorizer.transform(val_x)
        for c in sorted(float(v) for v in args.c.split(",")):
            model = LogisticRegression(C=c, class_weight="balanced", max_iter=1000)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", ConvergenceWarning)
                model.fit(xt, train_y)
            accuracy = float((model.predict(xv) == val_y).mean()) if val_y else float("nan")
            loss = log_loss(val_y, model.predict_proba(xv), labels=model.classes_) if val_y else float("nan")
            converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
            print(f"trial ngram={n} c={c:g} features={xt.shape[1]} val_acc={accuracy:.4f} val_loss={loss:.4f} "
                  f"iterations={int(model.n_iter_[0])} converged={int(converged)}")
            if best is None or (accuracy, -loss) > (best[0], -best[1]):
                best = (accuracy, loss, n, c, vectorizer, model)
    search_s = time.perf_counter() - start
    accuracy, _, n, c, vectorizer, model = best
    test_accuracy = float((model.predict(vectorizer.transform(test_x)) == test_y).mean())
    print(f"sklearn rows={len(train_x)} best_ngram={n} best_c={c:g} val_acc={accuracy:.4f} acc={test_accuracy:.4f} "
          f"search_s={search_s:.3f}")


if __name__ == "__main__":
    main()
