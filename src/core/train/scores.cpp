#include "core/train/scores.h"

#include <algorithm>

namespace tb::train {

ScoreSums::ScoreSums(const Model& model)
    : model_(model), probabilities_(static_cast<std::size_t>(model.class_count())) {}

void ScoreSums::add(std::string_view text, int label) {
    if (label < 0 || label >= model_.class_count()) return;
    model_.dictionary().encode(text, rows_);
    model_.predict(rows_, probabilities_);
    const auto best = std::max_element(probabilities_.begin(), probabilities_.end()) - probabilities_.begin();
    if (best == label) ++correct_;
    // From the scores rather than log(probability), which a float rounds to 0 for a confident miss.
    loss_ += model_.loss(rows_, label);
    ++rows_counted_;
}

Scores ScoreSums::scores() const {
    Scores scores;
    scores.rows = rows_counted_;
    if (rows_counted_ > 0) {
        scores.accuracy = static_cast<double>(correct_) / static_cast<double>(rows_counted_);
        scores.loss = loss_ / static_cast<double>(rows_counted_);
    }
    return scores;
}

Scores score(const Model& model, const std::vector<std::string>& texts, const std::vector<int>& labels) {
    ScoreSums sums(model);
    for (std::size_t i = 0; i < std::min(texts.size(), labels.size()); ++i) sums.add(texts[i], labels[i]);
    return sums.scores();
}

}  // namespace tb::train
