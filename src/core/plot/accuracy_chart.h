#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "core/data/split.h"

namespace tb::plot {

// The order an accuracy chart lists its bars in: best first, equal values in the order given, values
// that are not numbers (nothing scored yet) last.
std::vector<std::size_t> best_first(std::span<const double> accuracies);

// The accuracy a model that knows nothing scores on `test`: always answering the training rows' most
// common class (eval::majority_label, as the majority baseline candidate does). The chart's reference
// line, there even before that candidate has run. NaN with no test rows or classes.
double majority_baseline(const std::vector<data::SplitRow>& train, const std::vector<data::SplitRow>& test,
                         const std::vector<std::string>& classes);

}  // namespace tb::plot
