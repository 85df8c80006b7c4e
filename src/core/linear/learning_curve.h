#pragma once

#include <string>
#include <vector>

#include "core/linear/linear_search.h"

namespace tb::linear {

// One sentence on what more labelled rows would likely bring, read off the learning curve (validation
// accuracy from a quarter, half and all of the training rows) — the seed's question "label more, prompt
// better, or fine-tune?". A change counts only past the noise of `validation_rows` rows: 1.96 standard
// errors of the difference of two accuracies measured on the same rows, √(2 p (1 − p) / n). Empty with
// fewer than two points.
std::string learning_curve_reading(const std::vector<CurvePoint>& curve, std::size_t validation_rows);
// Whether the last step rose at all (beyond the noise or within it): more rows may help.
bool learning_curve_rises(const std::vector<CurvePoint>& curve);

}  // namespace tb::linear
