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

}  // namespace tb::linear
