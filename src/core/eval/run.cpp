#include "core/eval/run.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "core/text/utf8.h"

namespace tb::eval {

Evaluation make_evaluation(Candidate candidate) {
    Evaluation evaluation;
    evaluation.id = candidate_id(candidate);
    evaluation.candidate = std::move(candidate);
    return evaluation;
}

std::string batch_custom_id(std::uint64_t row) { return "row-" + std::to_string(row); }

std::optional<std::uint64_t> batch_row(const std::string& custom_id) {
    constexpr std::string_view prefix = "row-";
    if (custom_id.size() <= prefix.size() || custom_id.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
    std::uint64_t row = 0;
    const char* first = custom_id.data() + prefix.size();
    const char* last = custom_id.data() + custom_id.size();
    const auto [end, error] = std::from_chars(first, last, row);
    if (error != std::errc() || end != last) return std::nullopt;
    return row;
}

namespace {

// The rows `evaluation.batches` ask, read again only when the batches are not those last read.
const std::set<std::uint64_t>& batched_rows(const Evaluation& evaluation) {
    std::string from;
    for (const api::BatchRecord& batch : evaluation.batches) {
        from += batch.client_id + ':' + std::to_string(batch.custom_ids.size()) + ';';
    }
    Evaluation::BatchedRows& cache = evaluation.batched_rows;
    if (cache.from == from) return cache.rows;
    cache.from = std::move(from);
    cache.rows.clear();
    for (const api::BatchRecord& batch : evaluation.batches) {
        for (const std::string& id : batch.custom_ids) {
            if (const auto row = batch_row(id)) cache.rows.insert(*row);
        }
    }
    return cache.rows;
}

}  // namespace

std::vector<const data::SplitRow*> rows_to_ask(const Evaluation& evaluation, const std::vector<data::SplitRow>& test,
                                               std::size_t limit) {
    std::vector<const data::SplitRow*> rows;
    const std::set<std::uint64_t>& in_batches = batched_rows(evaluation);
    for (const data::SplitRow& row : test) {
        if (rows.size() >= limit) break;
        if (evaluation.answers.count(row.row) || evaluation.failed.count(row.row) || evaluation.in_flight.count(row.row) ||
            in_batches.count(row.row)) {
            continue;
        }
        rows.push_back(&row);
    }
    return rows;
}

bool finished(const Evaluation& evaluation, const std::vector<data::SplitRow>& test) {
    return std::all_of(test.begin(), test.end(), [&](const data::SplitRow& row) {
        return evaluation.answers.count(row.row) || evaluation.failed.count(row.row);
    });
}

api::ChatCall chat_call(const Candidate& candidate, const prompt::Prompt& prompt, const std::vector<data::SplitRow>& shots,
                        const data::SplitRow& row, const std::vector<std::string>& classes) {
    api::ChatCall call;
    call.model = candidate.model;
    call.messages = candidate.method == Method::FewShot ? prompt.ask_with_shots(shots, row.fields) : prompt.ask(row.fields);
    call.labels = classes;
    call.structured = candidate.structured;
    return call;
}

void record_answer(Evaluation& evaluation, std::uint64_t row, const api::ChatAnswer& answer,
                   const std::vector<std::string>& classes, double seconds, bool batch) {
    Answer kept;
    const NormalizedAnswer normalized = normalize_answer(answer.content, classes);
    if (normalized.label >= 0 && !answer.refused) kept.label = classes[static_cast<std::size_t>(normalized.label)];
    kept.match = answer.refused ? Match::Invalid : normalized.match;
    kept.raw = text::valid_utf8(text::cut_utf8(answer.raw, kRawAnswerBytes));
    kept.seconds = seconds;
    kept.prompt_tokens = answer.prompt_tokens;
    kept.completion_tokens = answer.completion_tokens;
    kept.batch = batch;
    evaluation.answers[row] = std::move(kept);
    evaluation.failed.erase(row);
    evaluation.failures_in_a_row = 0;
    ++evaluation.answered_since_resume;
}

ErrorScope error_scope(const api::ApiError& error) {
    if (error.code == "insufficient_quota") return ErrorScope::Run;
    switch (error.status) {
    case 401:
    case 403:
    case 404:
        return ErrorScope::Run;
    case 400:
    case 413:
    case 422:
        return ErrorScope::Row;
    default:
        return ErrorScope::Later;
    }
}

void answer_with_majority(Evaluation& evaluation, const std::vector<data::SplitRow>& test, const std::string& label) {
    for (const data::SplitRow& row : test) {
        Answer answer;
        answer.label = label;
        answer.raw = label;
        evaluation.answers[row.row] = std::move(answer);
    }
}

double seconds_left(const Evaluation& evaluation, std::size_t rows_left, double now) {
    if (evaluation.resumed_at < 0 || evaluation.answered_since_resume < 3 || now <= evaluation.resumed_at) return -1;
    const double per_second = static_cast<double>(evaluation.answered_since_resume) / (now - evaluation.resumed_at);
    return static_cast<double>(rows_left) / per_second;
}

Tally tally(const Evaluation& evaluation, const std::vector<data::SplitRow>& test) {
    Tally t;
    t.rows = test.size();
    for (const data::SplitRow& row : test) {
        if (const auto found = evaluation.answers.find(row.row); found != evaluation.answers.end()) {
            const Answer& answer = found->second;
            ++t.answered;
            if (answer.label.empty()) ++t.invalid;
            if (answer.label == row.label) ++t.correct;
            t.prompt_tokens += answer.prompt_tokens;
            t.completion_tokens += answer.completion_tokens;
            if (answer.batch) {
                t.batch_prompt_tokens += answer.prompt_tokens;
                t.batch_completion_tokens += answer.completion_tokens;
            }
            t.seconds += answer.seconds;
        } else if (evaluation.failed.count(row.row)) {
            ++t.failed;
        }
    }
    return t;
}

}  // namespace tb::eval
