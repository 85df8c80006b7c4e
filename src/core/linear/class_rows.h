#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/linear/feature_rows.h"

namespace tb::linear {

// scikit-learn's class_weight="balanced": rows / (classes present · rows of the row's class), per row.
std::vector<double> balanced_weights(const std::vector<int>& labels, std::size_t classes);

// A share of `rows` (indices into `labels`) with every class in the same proportion (at least one row of
// each class present), drawn from the seed; in increasing order.
std::vector<std::size_t> stratified_share(const std::vector<std::size_t>& rows, const std::vector<int>& labels,
                                          std::size_t classes, double share, std::uint64_t seed);

// The rows (indices into `labels`) a grid of `grid_size` settings is tried on: with more than `tune_rows`
// rows (0: no limit) and more than one setting, a stratified sample of about tune_rows drawn from the
// seed; otherwise empty, meaning every row.
std::vector<std::size_t> tuning_sample(const std::vector<int>& labels, std::size_t classes, std::size_t tune_rows,
                                       std::size_t grid_size, std::uint64_t seed);

// A fitted solution's accuracy and mean −log p(label) on the validation rows, counted a slice of rows at
// a time (the searches score between frames).
class ValidationScore {
public:
    // Scores up to `work` more rows with `parameters` (Problem's layout); returns the rows scored. The
    // rows scored are `which` of `rows` (empty: all, in order), one label each, read with `standardising`.
    std::size_t step(const FeatureRows& rows, std::span<const std::size_t> which, std::span<const int> labels,
                     std::span<const double> parameters, std::size_t classes, std::size_t work,
                     Standardising standardising = {});
    bool done(std::size_t rows) const { return scored_ == rows; }
    double accuracy() const;  // NaN without rows
    double loss() const;      // NaN without rows

private:
    std::size_t scored_ = 0, correct_ = 0;
    double loss_sum_ = 0;
    std::vector<double> probabilities_;
};

}  // namespace tb::linear
