#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "core/linear/linear_search.h"

namespace tb::ui {

// The settings a logistic regression's search tried (the TF-IDF model's, or an embeddings candidate's
// strengths C), with each one's validation accuracy and loss; `best` is marked "chosen".
void draw_trials(const std::vector<linear::Trial>& trials, std::optional<std::size_t> best);

}  // namespace tb::ui
