#include "core/eval/file_batches.h"

#include <algorithm>

#include "core/api/chat.h"
#include "core/eval/normalize.h"
#include "core/eval/run.h"

namespace tb::eval {

namespace {
// Only the first few reasons are kept: a million rows refused for one reason say it once.
constexpr std::size_t kRefusalsKept = 5;
}  // namespace

BatchQuestions::BatchQuestions(std::vector<std::string> classes, MakeRequest make, std::string line_url,
                               api::BatchInputLimits limits, Skip skip)
    : classes_(std::move(classes)), make_(std::move(make)), skip_(std::move(skip)), line_url_(std::move(line_url)),
      limits_(limits) {}

RowLabeller::Answer BatchQuestions::label(const RowQuestion& question) {
    if (skip_ && skip_(question.row)) return {};
    api::BatchItem item{batch_custom_id(question.row), make_(question)};
    api::BatchLine line = api::batch_line(item, line_url_, limits_);
    if (line.text.empty()) {
        if (refused_.size() < kRefusalsKept) refused_.push_back({item.custom_id, std::move(line.why)});
        ++refused_count_;
        return {};
    }
    api::BatchInputFile& file = open_.input;
    if (!file.custom_ids.empty() &&
        (file.custom_ids.size() + 1 > limits_.max_requests || file.jsonl.size() + line.text.size() > limits_.max_bytes)) {
        full_.push_back(std::move(open_));
        open_ = {};
    }
    if (open_.rows == 0) {
        open_.input.model = line.model;
        open_.first_row = question.row;
    }
    open_.input.jsonl += line.text;
    open_.input.custom_ids.push_back(std::move(item.custom_id));
    open_.last_row = question.row;
    ++open_.rows;
    ++asked_;
    return {};
}

FileBatch BatchQuestions::take_full() {
    if (full_.empty()) return {};
    FileBatch out = std::move(full_.front());
    full_.pop_front();
    return out;
}

FileBatch BatchQuestions::finish() {
    FileBatch out = std::move(open_);
    open_ = {};
    return out;
}

void RowAnswers::set(std::uint64_t row, int label) {
    if (label < 0 || static_cast<std::size_t>(label) >= classes_.size() || row > kMaxRow) return;
    const auto at = static_cast<std::size_t>(row);
    if (at >= labels_.size()) labels_.resize(std::max(at + 1, labels_.size() * 3 / 2), -1);
    if (labels_[at] < 0) ++answered_;
    labels_[at] = static_cast<std::int16_t>(label);
}

int RowAnswers::at(std::uint64_t row) const {
    return row < labels_.size() ? labels_[static_cast<std::size_t>(row)] : -1;
}

TakenAnswers take_answers(RowAnswers& into, const FileBatch& batch, const std::vector<api::BatchAnswer>& answers,
                          bool structured) {
    TakenAnswers taken;
    for (const api::BatchAnswer& line : answers) {
        const auto row = batch_row(line.custom_id);
        if (!row || *row < batch.first_row || *row > batch.last_row || line.failure) continue;
        const auto parsed = api::openai::parse_chat(line.response, structured);
        if (const auto* answer = api::value_of(parsed)) {
            const NormalizedAnswer normalized = normalize_answer(answer->content, into.classes());
            if (normalized.label >= 0 && !answer->refused) {
                into.set(*row, normalized.label);
                ++taken.answered;
            } else {
                ++taken.invalid;
            }
        } else if (error_scope(std::get<api::ApiError>(parsed)) == ErrorScope::Row) {
            ++taken.refused;
        }
    }
    const std::uint64_t seen = taken.answered + taken.invalid + taken.refused;
    taken.not_run = batch.rows > seen ? batch.rows - seen : 0;
    return taken;
}

}  // namespace tb::eval
