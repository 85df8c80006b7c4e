#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/train/model.h"

namespace tb::train {

// Accuracy (the most probable class, first of equals, is the label) and mean -log p(label) over a
// labelled set. Rows whose label is not a class index are left out of both and of `rows`.
struct Scores {
    double accuracy = 0, loss = 0;
    std::size_t rows = 0;
};

// Scores a labelled set a row at a time, so a caller can spread the work over frames. Keeps a reference
// to the model, which must outlive it.
class ScoreSums {
public:
    explicit ScoreSums(const Model& model);
    void add(std::string_view text, int label);
    Scores scores() const;

private:
    const Model& model_;
    std::vector<std::int32_t> rows_;
    std::vector<float> probabilities_;
    std::size_t correct_ = 0, rows_counted_ = 0;
    double loss_ = 0;
};

Scores score(const Model& model, const std::vector<std::string>& texts, const std::vector<int>& labels);

}  // namespace tb::train
