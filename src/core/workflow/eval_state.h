#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/eval/repeats.h"
#include "core/eval/report.h"
#include "core/eval/run.h"
#include "core/eval/spend_estimate.h"
#include "core/workflow/split_results.h"

namespace tb::workflow {

// What the "Add a candidate" form holds.
struct CandidateDraft {
    std::string profile = "openai";
    std::string model = "gpt-4o-mini-2024-07-18";
    eval::Method method = eval::Method::ZeroShot;
    int shots = 2;  // few-shot: examples per class
    // Embeddings + classifier: its model and length (0: the model's own) apart from the chat model's.
    std::string embedding_model = "text-embedding-3-small";
    int dimensions = 0;
    bool embedding_all_rows = false;  // learn from every labelled row outside validation and test
};

inline constexpr int kMaxRepeats = 20;
inline constexpr int kMaxShots = 20;  // few-shot examples per class
inline constexpr int kMaxEmbeddingDimensions = 8192;  // the longest vectors asked for (3,072 is the largest common)

struct EvalState {
    // The split the evaluations were asked on: always the dataset's current one (follow_split()).
    SplitRecord split;
    std::vector<eval::Evaluation> evaluations;  // in the order added
    // Other splits' results, kept aside (saved) until the person switches back to their split or deletes them.
    std::vector<ShelvedResults> shelved;
    CandidateDraft draft;
    int concurrency = 4;  // requests in flight per provider profile
    int repeats = 1;      // splits to score on: the split itself, then reshuffles of its rows
    // How soon a batch is first looked at (each unchanged look waits half as long again, up to a minute).
    double batch_check_seconds = 10;
    static constexpr int kMaxBatchCheckSeconds = 3600;
    // Models trained in the browser (in-browser classifiers, embeddings classifiers) on the other splits:
    // accuracy on their split's test rows, by the id each has (eval::local_split_id). Saved; the models
    // themselves are not kept.
    std::map<std::string, double> local_split_accuracy;
    // The report: derived from the answers (never saved), rebuilt when they or the prices change.
    std::vector<eval::CandidateReport> reports;
    std::vector<eval::RepeatScores> repeat_scores;
    std::optional<eval::PairComparison> pair;  // between chosen_pair(), when both exist and differ
    std::vector<std::size_t> shown_rows;       // the row explorer's rows (indices into the test rows)
    // The rows selected on the map (row numbers, sorted): the explorer's MapSelection filter. Not saved, as
    // the map is not (a saved filter on it is read back as All).
    std::vector<std::uint64_t> map_selection;
    std::vector<data::Split> splits;        // repeat_splits(split, seed, repeats)
    // eval::training_fingerprint of each split's training rows, when an in-browser candidate needs them.
    std::vector<std::string> split_fingerprints;
    std::vector<data::SplitRow> all_rows;   // every split's test rows once: what repeatable candidates ask
    bool reports_stale = true;
    // What asking each candidate's rows still to ask would cost, by candidate id (workflow/spend_estimates.h;
    // never saved): only candidates with rows left that are not running have one.
    std::map<std::string, eval::SpendEstimate> estimates;
    // What the report shows.
    std::string pair_a, pair_b;  // candidate ids for the paired test and the disagreement filter
    eval::RowFilter filter = eval::RowFilter::All;
    std::string shown;  // the candidate the person picked for the per-class scores and confusion (or none)
    // Counts the saves of these evaluations: of two copies kept in different places (IndexedDB, and the
    // one written as the page goes away), the higher one is the newer.
    std::uint64_t save_serial = 0;
    // Not saved. Replay keys of answers the service worker keeps until the page has saved them: the next
    // save releases them (api::HttpRequest::replay_key).
    std::vector<std::string> answers_to_release;

    eval::Evaluation* find(const std::string& id);
    const eval::Evaluation* find(const std::string& id) const;
    // The evaluation `id` of the split `split_id`, in use or aside, with that split's classes: an answer
    // asked before the split changed still belongs to the rows it was asked on.
    struct Located {
        eval::Evaluation* evaluation = nullptr;
        const std::vector<std::string>* classes = nullptr;
    };
    Located locate(const std::string& split_id, const std::string& id);
    const ShelvedResults* shelf(const std::string& split_id) const;
    const eval::CandidateReport* report(const std::string& id) const;
    const eval::RepeatScores* repeat(const std::string& id) const;
    const eval::SpendEstimate* estimate(const std::string& id) const;
    // The two candidates of the paired test and the disagreement filter: until the person picks, the
    // first two (empty ids when there are not as many).
    std::pair<std::string, std::string> chosen_pair() const;
    // The candidate whose per-class scores and confusion are shown: the one the person picked, else the
    // most accurate that has answered (scored on every row first; of equal ones, the first), by default
    // never the baseline that others must beat unless only it has answered; empty when none has.
    std::string per_class_shown() const;
    // The rows a candidate is asked: every split's test rows when repeating and it can be, else the
    // split's own (`test`).
    const std::vector<data::SplitRow>& rows_for(const eval::Evaluation& evaluation,
                                                const std::vector<data::SplitRow>& test) const;
};

// A running evaluation stops by itself (key refused, no quota, too many failures): paused, with why, said in
// the status line.
void stop_evaluation(struct State& state, eval::Evaluation& evaluation, const std::string& why);
// Whether a running evaluation has its provider's key: `missing` is why not (providers' missing_key, empty
// when it is there). Without it the evaluation says so and waits; once it is there that message goes.
bool key_in_hand(eval::Evaluation& evaluation, const std::string& missing);

// Rebuilds the reports over the split's test rows, when stale; the baseline answers here, as it needs
// only the training labels. No split: no reports.
void rebuild_reports(EvalState& eval, const data::Split* split, std::uint64_t seed, const prompt::PriceTable& prices);

// Saved with the experiment: the candidates, every answer, what the report shows. Nothing in flight.
nlohmann::json to_json(const EvalState& eval);
void restore_eval(EvalState& eval, const nlohmann::json& json);
// Of two saved copies of the evaluations (either may be null: not found, or not JSON), the newer by
// save serial; the first on a tie.
const nlohmann::json& newer_saved_eval(const nlohmann::json& first, const nlohmann::json& second);

// The saved form of a list of evaluations (their candidates and every answer), and back; restoring skips
// what it cannot read.
nlohmann::json evaluations_to_json(const std::vector<eval::Evaluation>& evaluations);
std::vector<eval::Evaluation> evaluations_from_json(const nlohmann::json& json);

// state().evaluations: [{candidate, name, rows, done, correct, invalid, failed, accuracy, ciLow, ciHigh,
// macroF1, cost, phase}], from the reports.
nlohmann::json evaluations_json(const EvalState& eval);

// state().compare: the paired test between the chosen pair, {a, b, rows, aOnly, bOnly, pValue, sentence},
// and the row explorer's {filter, rowsShown}; null without a split or two candidates. From the reports.
nlohmann::json compare_json(const EvalState& eval);

// state().splitResults: {current: {id, description}, others: [{id, description, candidates, answers}]}.
nlohmann::json split_results_json(const EvalState& eval, const std::string& current_file);

}  // namespace tb::workflow
