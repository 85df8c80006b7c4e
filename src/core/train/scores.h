#pragma once

#include <string>
#include <vector>

#include "core/train/model.h"

namespace tb::train {

// Accuracy (the most probable class, first of equals, is the label) and mean -log p(label) over a
// labelled set. Rows whose label is not a class index are left out of both and of `rows`.
struct Scores {
    double accuracy = 0, loss = 0;
    std::size_t rows = 0;
};

Scores score(const Model& model, const std::vector<std::string>& texts, const std::vector<int>& labels);

}  // namespace tb::train
