#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/data/split.h"
#include "core/eval/metrics.h"
#include "core/eval/run.h"

namespace tb::eval {

// The split itself, then count - 1 reshuffles of its rows (seeds seed + 1, seed + 2, …).
std::vector<data::Split> repeat_splits(const data::Split& split, std::uint64_t seed, int count);

// Whether a candidate can be scored on reshuffled splits. A model trained on the split (a fine-tune) or
// shown examples from it (few-shot) would meet its own training rows among the new test rows. The
// in-browser classifier can: it is trained again on each split's training rows (local_split_id).
bool repeatable(const Candidate& candidate);
// Why not, in a few words; empty when it can.
std::string not_repeatable_because(const Candidate& candidate);

// Every test row of every split once, in order of first appearance: what a repeatable candidate is asked.
std::vector<data::SplitRow> rows_of_all(const std::vector<data::Split>& splits);

// A candidate's accuracy on each split whose test rows it has all answered, and their mean ± sd.
struct RepeatScores {
    std::string id;
    std::vector<double> accuracies;  // per split, in order; splits not yet fully answered are left out
    MeanSd summary;
    std::string excluded_because;
    std::size_t rows_answered = 0;  // of every split's test rows (rows_of_all); set by the workflow
};
// `local_accuracy`: the accuracy of in-browser models trained on other splits, on their split's test
// rows, by the id each has (local_split_id); an in-browser candidate's own split counts its answers.
// `fingerprints`: each split's training_fingerprint() when the caller has them (else worked out here).
RepeatScores repeat_scores(const Evaluation& evaluation, const std::vector<data::Split>& splits,
                           const std::map<std::string, double>& local_accuracy = {},
                           const std::vector<std::string>& fingerprints = {});

// The id of the in-browser model with this candidate's settings trained on `split`'s training rows, or
// on rows with this training_fingerprint().
std::string local_split_id(const Candidate& local, const data::Split& split);
std::string local_split_id(const Candidate& local, const std::string& training_fingerprint);

}  // namespace tb::eval
