#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/api/batch_flow.h"
#include "core/api/chat.h"
#include "core/api/errors.h"
#include "core/data/split.h"
#include "core/eval/candidate.h"
#include "core/eval/normalize.h"
#include "core/linear/linear_search.h"

namespace tb::eval {

// One row's answer, kept the moment it arrives: it was paid for.
struct Answer {
    std::string label;  // the class the answer names; empty when it names none ("invalid")
    std::string raw;    // the model's own words, cut to kRawAnswerBytes
    Match match = Match::Exact;
    double seconds = 0;  // from sending the row until its answer, retries included
    std::int64_t prompt_tokens = 0, completion_tokens = 0;
    bool batch = false;  // answered through the provider's Batch API, billed at its batch price
};
inline constexpr std::size_t kRawAnswerBytes = 200;

enum class Phase { Idle, Running, Paused };

// One candidate's answers to the test rows, and whether rows are being sent.
struct Evaluation {
    Candidate candidate;
    std::string id;  // candidate_id(candidate)
    std::map<std::uint64_t, Answer> answers;      // by the row's number in the file
    std::map<std::uint64_t, std::string> failed;  // rows the provider refused for good, and why
    Phase phase = Phase::Idle;
    std::string stopped_because;  // why it stopped by itself (key refused, no quota); cleared on resume
    // Embeddings: the tokens its embedding requests were billed (their answers' usage), and its classifier's
    // trials (validation accuracy and loss per strength C; the chosen one last), for its curve.
    std::int64_t embedding_tokens = 0;
    std::vector<linear::Trial> trials;
    std::size_t best_trial = 0;  // the one its model is
    // Batches asking its rows through the provider's Batch API, until their answers are taken (saved:
    // a reload goes on watching them). Their rows are not asked live meanwhile.
    std::vector<api::BatchRecord> batches;

    // Not saved. Rows asked and not yet answered, with the time each was sent.
    std::map<std::uint64_t, double> in_flight;
    int failures_in_a_row = 0;  // transient failures since the last answer
    bool waiting_for_key = false;  // stopped_because says which key it waits for (not saved with it)
    double resumed_at = -1;     // for the time left: answers since the run (re)started
    std::string batch_problem;  // why watching its batches stopped (not saved: a reload tries again)
    std::size_t answered_since_resume = 0;
    // The rows `batches` ask, by number, and the batches they were read from (each one's client id and
    // size): rows_to_ask runs every frame, so they are read again only when the batches change.
    struct BatchedRows {
        std::string from;
        std::set<std::uint64_t> rows;
    };
    mutable BatchedRows batched_rows;
};

Evaluation make_evaluation(Candidate candidate);

// A test row's question in a batch is known by the row's number in the file ("row-42").
std::string batch_custom_id(std::uint64_t row);
std::optional<std::uint64_t> batch_row(const std::string& custom_id);

// The test rows still to ask, in split order, at most `limit`: not answered, not failed, not in flight,
// not in a batch.
std::vector<const data::SplitRow*> rows_to_ask(const Evaluation& evaluation, const std::vector<data::SplitRow>& test,
                                               std::size_t limit);

// Every test row has an answer or a lasting failure.
bool finished(const Evaluation& evaluation, const std::vector<data::SplitRow>& test);

// The messages and options one row is asked with.
api::ChatCall chat_call(const Candidate& candidate, const prompt::Prompt& prompt, const std::vector<data::SplitRow>& shots,
                        const data::SplitRow& row, const std::vector<std::string>& classes);

// Stores the answer to `row`: its label after normalising, its cost in tokens, how long it took.
// `batch`: the answer came through the provider's Batch API (billed at its batch price).
void record_answer(Evaluation& evaluation, std::uint64_t row, const api::ChatAnswer& answer,
                   const std::vector<std::string>& classes, double seconds, bool batch = false);

// What a provider's error after all retries means for the run.
enum class ErrorScope {
    Run,    // nothing will work until the person acts (key, quota, model, address): stop and say why
    Row,    // this row cannot be asked (too long, filtered): keep the error, go on with the others
    Later,  // transient (rate limit, server, network): ask the row again later
};
ErrorScope error_scope(const api::ApiError& error);

// The baseline needs no provider: every test row gets the majority training label at once.
void answer_with_majority(Evaluation& evaluation, const std::vector<data::SplitRow>& test, const std::string& label);

// Seconds until the remaining rows are answered at the pace of this run so far; negative while too
// little is known (fewer than three answers since the run started).
double seconds_left(const Evaluation& evaluation, std::size_t rows_left, double now);

// Counts over the current test rows (answers to rows no longer in the test split are kept, not counted).
struct Tally {
    std::size_t rows = 0, answered = 0, correct = 0, invalid = 0, failed = 0;
    std::int64_t prompt_tokens = 0, completion_tokens = 0;
    // Of those, the tokens of answers that came through a Batch API (billed at the batch price).
    std::int64_t batch_prompt_tokens = 0, batch_completion_tokens = 0;
    double seconds = 0;  // summed over answers
};
Tally tally(const Evaluation& evaluation, const std::vector<data::SplitRow>& test);

}  // namespace tb::eval
