#include "core/eval/file_vectors.h"

#include <algorithm>
#include <cstring>

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

namespace {

// (std::bit_cast is not in Emscripten's C++ library.)
std::int64_t pack(const RowLabeller::Answer& answer) {
    const float probability = static_cast<float>(answer.probability);
    std::uint32_t bits = 0;
    std::memcpy(&bits, &probability, sizeof bits);
    return static_cast<std::int64_t>((static_cast<std::uint64_t>(answer.label + 1) << 32) | bits);
}

RowLabeller::Answer unpack(std::int64_t packed) {
    const auto bits = static_cast<std::uint64_t>(packed);
    const auto low = static_cast<std::uint32_t>(bits);
    float probability = 0;
    std::memcpy(&probability, &low, sizeof probability);
    return {static_cast<int>(bits >> 32) - 1, probability};
}

}  // namespace

RowLabeller::Answer VectorRowLabeller::label(const RowQuestion& question) {
    const std::string_view text = embed::embedded_text(question.text);
    const std::uint64_t key = embed::text_key(text);
    if (const std::span<const float> held = find_ ? find_(key) : std::span<const float>{}; !held.empty()) {
        ++rows_from_held_;
        return answer_for(held);
    }
    auto [rows, added] = rows_of_.try_emplace(key, 0);
    if (added) to_ask_.push_back({key, std::string(text)});
    ++rows->second;
    Answer pending;
    pending.pending = true;
    pending.ticket = key;
    return pending;
}

RowLabeller::Answer VectorRowLabeller::later_answer(std::uint64_t ticket) {
    const auto found = answers_.find(ticket);
    if (found == answers_.end()) {
        Answer pending;
        pending.pending = true;
        pending.ticket = ticket;
        return pending;
    }
    const Answer answer = unpack(found->second);
    // The text's last row: it is done with.
    if (const auto rows = rows_of_.find(ticket); rows == rows_of_.end() || --rows->second == 0) {
        if (rows != rows_of_.end()) rows_of_.erase(rows);
        answers_.erase(found);
    }
    return answer;
}

std::vector<VectorRowLabeller::Question> VectorRowLabeller::take(const api::EmbeddingBatchLimits& limits, int dimensions) {
    std::vector<std::int64_t> tokens;
    for (std::size_t i = taken_; i < to_ask_.size() && tokens.size() < limits.max_inputs; ++i) {
        tokens.push_back(embed::estimated_tokens(to_ask_[i].text));
    }
    const auto requests = api::plan_embedding_batches(tokens, limits, dimensions);
    const std::size_t count = requests.empty() ? 0 : requests.front().second;
    const auto first = to_ask_.begin() + static_cast<std::ptrdiff_t>(taken_);
    std::vector<Question> out(std::make_move_iterator(first), std::make_move_iterator(first + static_cast<std::ptrdiff_t>(count)));
    taken_ += count;
    // Texts handed out leave the front now and then, so the vector holds about what is still to ask.
    if (taken_ == to_ask_.size() || taken_ >= 1024) {
        to_ask_.erase(to_ask_.begin(), to_ask_.begin() + static_cast<std::ptrdiff_t>(taken_));
        taken_ = 0;
    }
    texts_asked_ += out.size();
    return out;
}

void VectorRowLabeller::answer(std::span<const Question> asked, std::span<const std::vector<float>> vectors) {
    for (std::size_t i = 0; i < asked.size(); ++i) {
        if (rows_of_.count(asked[i].key) == 0) continue;
        answers_[asked[i].key] = pack(i < vectors.size() ? answer_for(vectors[i]) : Answer{});
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
