#include "core/eval/file_vectors.h"

#include <algorithm>

#include "core/embed/vector_requests.h"
#include "core/embed/vector_store.h"
#include "core/eval/calibration.h"

namespace tb::eval {

void VectorRowLabeller::set_model(linear::VectorModel model, double beta) {
    model_ = std::move(model);
    beta_ = beta;
}

RowLabeller::Answer VectorRowLabeller::answer_for(std::span<const float> vector) {
    std::vector<double> p = model_.predict(vector);
    if (p.empty()) return {};
    sharpen(p, beta_);
    const auto best = std::max_element(p.begin(), p.end());
    return {static_cast<int>(best - p.begin()), *best};
}

RowLabeller::Answer VectorRowLabeller::label(const RowQuestion& question) {
    const std::string_view text = embed::embedded_text(question.text);
    const std::uint64_t key = embed::text_key(text);
    if (const std::span<const float> held = find_ ? find_(key) : std::span<const float>{}; !held.empty()) {
        ++rows_from_held_;
        return answer_for(held);
    }
    auto [rows, added] = rows_of_.try_emplace(key);
    if (added) to_ask_.push_back({key, std::string(text)});
    rows->second.push_back(question.row);
    Answer pending;
    pending.pending = true;
    return pending;
}

RowLabeller::Answer VectorRowLabeller::answered(std::uint64_t row) {
    const auto found = answers_.find(row);
    if (found == answers_.end()) {
        Answer pending;
        pending.pending = true;
        return pending;
    }
    const Answer answer = found->second;
    answers_.erase(found);
    return answer;
}

std::vector<VectorRowLabeller::Question> VectorRowLabeller::take(const api::EmbeddingBatchLimits& limits, int dimensions) {
    std::vector<std::int64_t> tokens;
    for (std::size_t i = 0; i < to_ask_.size() && i < limits.max_inputs; ++i) {
        tokens.push_back(embed::estimated_tokens(to_ask_[i].text));
    }
    const auto requests = api::plan_embedding_batches(tokens, limits, dimensions);
    const std::size_t count = requests.empty() ? 0 : requests.front().second;
    std::vector<Question> out(std::make_move_iterator(to_ask_.begin()),
                              std::make_move_iterator(to_ask_.begin() + static_cast<std::ptrdiff_t>(count)));
    to_ask_.erase(to_ask_.begin(), to_ask_.begin() + static_cast<std::ptrdiff_t>(count));
    texts_asked_ += out.size();
    return out;
}

void VectorRowLabeller::answer(std::span<const Question> asked, std::span<const std::vector<float>> vectors) {
    for (std::size_t i = 0; i < asked.size(); ++i) {
        const auto rows = rows_of_.find(asked[i].key);
        if (rows == rows_of_.end()) continue;
        const Answer answer = i < vectors.size() ? answer_for(vectors[i]) : Answer{};
        for (const std::uint64_t row : rows->second) answers_[row] = answer;
        rows_of_.erase(rows);
    }
}

void VectorRowLabeller::forget(std::span<const Question> asked) { answer(asked, {}); }

double calibrate(const linear::VectorModel& model, const embed::VectorStore& store,
                 const std::vector<data::SplitRow>& rows, int text_column) {
    std::vector<std::vector<double>> probabilities;
    std::vector<int> labels;
    for (const data::SplitRow& row : rows) {
        const int label = data::class_index(model.classes(), row.label);
        const std::span<const float> vector = store.find(embed::text_key(embed::embedded_text(data::field_of(row, text_column))));
        if (label < 0 || vector.empty()) continue;
        probabilities.push_back(model.predict(vector));
        labels.push_back(label);
    }
    return fit_beta(probabilities, labels);
}

}  // namespace tb::eval
