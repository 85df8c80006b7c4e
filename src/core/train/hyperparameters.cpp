#include "core/train/hyperparameters.h"

#include <algorithm>
#include <cmath>

namespace tb::train {

std::string check(const Hyperparameters& hp) {
    // Upper bounds keep a typo from asking the browser for gigabytes or hours.
    if (hp.dim < 1 || hp.dim > 1000) return "dim must be between 1 and 1000";
    if (!std::isfinite(hp.lr) || hp.lr <= 0 || hp.lr > 100) return "lr must be above 0 and at most 100";
    if (hp.epochs < 1 || hp.epochs > 10000) return "epochs must be between 1 and 10000";
    if (hp.word_ngrams < 1 || hp.word_ngrams > 10) return "word_ngrams must be between 1 and 10";
    if (hp.min_count < 1) return "min_count must be at least 1";
    if (hp.minn < 0 || hp.maxn < 0 || hp.maxn > 20) return "minn and maxn must be between 0 and 20";
    if (hp.maxn > 0 && hp.minn > hp.maxn) return "minn must not exceed maxn";
    if (hp.bucket < 0 || hp.bucket > 10000000) return "bucket must be between 0 and 10000000";
    if (effective_bucket(hp) == 0 && (hp.word_ngrams > 1 || hp.maxn > 0)) {
        return "bucket must be above 0 when word or character n-grams are on";
    }
    return {};
}

int auto_epochs(std::size_t train_rows) {
    if (train_rows == 0) return kAutoEpochsMin;
    const std::size_t passes = (kAutoEpochUpdates + train_rows - 1) / train_rows;  // rounded up
    return static_cast<int>(std::clamp<std::size_t>(passes, kAutoEpochsMin, kAutoEpochsMax));
}

int effective_bucket(const Hyperparameters& hp) { return hp.word_ngrams <= 1 && hp.maxn == 0 ? 0 : hp.bucket; }

}  // namespace tb::train
