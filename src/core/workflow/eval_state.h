#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/eval/report.h"
#include "core/eval/run.h"

namespace tb::workflow {

// What the "Add a candidate" form holds.
struct CandidateDraft {
    std::string profile = "openai";
    std::string model = "gpt-4o-mini-2024-07-18";
    eval::Method method = eval::Method::ZeroShot;
    int shots = 2;  // few-shot: examples per class
};

struct EvalState {
    std::vector<eval::Evaluation> evaluations;  // in the order added
    CandidateDraft draft;
    int concurrency = 4;  // requests in flight per provider profile
    // The report: derived from the answers (never saved), rebuilt when they or the prices change.
    std::vector<eval::CandidateReport> reports;
    bool reports_stale = true;
    // What the report shows.
    std::string pair_a, pair_b;  // candidate ids for the paired test and the disagreement filter
    eval::RowFilter filter = eval::RowFilter::All;
    std::string shown;  // the candidate whose per-class scores and confusion are shown

    eval::Evaluation* find(const std::string& id);
    const eval::Evaluation* find(const std::string& id) const;
    const eval::CandidateReport* report(const std::string& id) const;
};

// Rebuilds the reports over the split's test rows, when stale; the baseline answers here, as it needs
// only the training labels. No split: no reports.
void rebuild_reports(EvalState& eval, const data::Split* split, const prompt::PriceTable& prices);

// Saved with the experiment: the candidates, every answer, what the report shows. Nothing in flight.
nlohmann::json to_json(const EvalState& eval);
void restore_eval(EvalState& eval, const nlohmann::json& json);

// state().evaluations: [{candidate, name, rows, done, correct, invalid, failed, accuracy, ciLow, ciHigh,
// macroF1, cost, phase}], from the reports.
nlohmann::json evaluations_json(const EvalState& eval);

}  // namespace tb::workflow
