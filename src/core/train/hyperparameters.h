#pragma once

#include <cstdint>
#include <string>

namespace tb::train {

// A fastText-style supervised classifier's settings, with fastText's meanings (`fasttext supervised -dim
// -lr -epoch -wordNgrams -minCount -bucket -minn -maxn -seed`); the defaults are sized for a browser.
struct Hyperparameters {
    int dim = 50;          // embedding size (fastText's default is 100; half the memory and time here)
    double lr = 0.5;       // initial learning rate, decaying linearly to 0 over all epochs
    int epochs = 5;
    int word_ngrams = 2;   // longest word n-gram; 1 = unigrams only
    int min_count = 1;     // words seen fewer times in the training texts get no row of their own
    // Rows shared by all hashed word and character n-grams. The input table holds (words + bucket) × dim
    // floats: 200,000 × 50 × 4 B = 40 MB here, against fastText's 2,000,000 × 100 × 4 B = 800 MB.
    // As in fastText, no bucket rows are made when neither word n-grams nor character n-grams are on.
    int bucket = 200000;
    int minn = 0, maxn = 0;  // character n-gram lengths, in UTF-8 characters (maxn = 0: off)
    std::uint64_t seed = 1;  // initial weights and the order of the examples in each epoch

    bool operator==(const Hyperparameters&) const = default;
};

// Why these hyperparameters cannot be trained with, or empty when they can.
std::string check(const Hyperparameters& hp);

// The bucket rows actually made: fastText makes none when no n-grams hash into them.
int effective_bucket(const Hyperparameters& hp);

}  // namespace tb::train
