#include "core/train/scores.h"

#include <algorithm>

namespace tb::train {

Scores score(const Model& model, const std::vector<std::string>& texts, const std::vector<int>& labels) {
    Scores scores;
    const int classes = model.class_count();
    std::vector<std::int32_t> rows;
    std::vector<float> probabilities(static_cast<std::size_t>(classes));
    std::size_t correct = 0;
    double loss = 0;
    for (std::size_t i = 0; i < std::min(texts.size(), labels.size()); ++i) {
        const int label = labels[i];
        if (label < 0 || label >= classes) continue;
        model.dictionary().encode(texts[i], rows);
        model.predict(rows, probabilities);
        const auto best = std::max_element(probabilities.begin(), probabilities.end()) - probabilities.begin();
        if (best == label) ++correct;
        // From the scores rather than log(probability), which a float rounds to 0 for a confident miss.
        loss += model.loss(rows, label);
        ++scores.rows;
    }
    if (scores.rows > 0) {
        scores.accuracy = static_cast<double>(correct) / static_cast<double>(scores.rows);
        scores.loss = loss / static_cast<double>(scores.rows);
    }
    return scores;
}

}  // namespace tb::train
