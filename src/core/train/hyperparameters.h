#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace tb::train {

// A fastText-style supervised classifier's settings, with fastText's meanings (`fasttext supervised -dim
// -lr -epoch -wordNgrams -minCount -bucket -minn -maxn -seed`); the defaults are sized for a browser.
struct Hyperparameters {
    int dim = 50;          // embedding size (fastText's default is 100; half the memory and time here)
    double lr = 0.5;       // initial learning rate, decaying linearly to 0 over all epochs
    int epochs = 5;        // fastText's; the page trains with auto_epochs(rows) unless a number is set
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

// Epochs when the person leaves them to Tuneboard: enough passes over `train_rows` rows for about
// kAutoEpochUpdates example updates, at least kAutoEpochsMin and at most kAutoEpochsMax. Measured with
// bench/local_model_small.sh (dim 50, lr 0.5, the demo data and the CFPB excerpt, 100 to 3,000 rows):
// the loss stays at ln k for the first 5,000-10,000 updates whatever the number of rows (the output
// layer starts at zero and the word vectors near it, so early updates move the prediction little), and
// validation accuracy still rises up to about 20,000. Five epochs, fastText's default, are 500 updates
// on 100 rows: a model that learnt nothing. The floor keeps large sets at fastText's default; the cap
// keeps a handful of rows from asking for thousands of passes.
inline constexpr std::size_t kAutoEpochUpdates = 20000;
inline constexpr int kAutoEpochsMin = 5;
inline constexpr int kAutoEpochsMax = 200;
int auto_epochs(std::size_t train_rows);

// Why these hyperparameters cannot be trained with, or empty when they can.
std::string check(const Hyperparameters& hp);

// The bucket rows actually made: fastText makes none when no n-grams hash into them.
int effective_bucket(const Hyperparameters& hp);

}  // namespace tb::train
