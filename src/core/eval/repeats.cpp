#include "core/eval/repeats.h"

#include <unordered_set>

#include "core/eval/local_candidate.h"

namespace tb::eval {

std::vector<data::Split> repeat_splits(const data::Split& split, std::uint64_t seed, int count) {
    std::vector<data::Split> splits = {split};
    for (int r = 1; r < count; ++r) splits.push_back(data::reshuffle_split(split, seed + static_cast<std::uint64_t>(r)));
    return splits;
}

std::string not_repeatable_because(const Candidate& candidate) {
    if (candidate.method == Method::Local) {
        if (candidate.source.rfind("local ", 0) != 0) return "loaded from a file: its training rows are unknown";
        if (learnt_from_every_row(candidate.source.substr(6))) {
            return "learnt from every labelled row outside this split's validation and test rows";
        }
        return {};
    }
    if (candidate.method == Method::Embeddings && candidate.all_rows) {
        return "learnt from every labelled row outside this split's validation and test rows";
    }
    if (!candidate.source.empty()) return "trained on the split's training rows";
    if (candidate.method == Method::FewShot) return "its examples come from the split's training rows";
    return {};
}

bool repeatable(const Candidate& candidate) { return not_repeatable_because(candidate).empty(); }

std::vector<data::SplitRow> rows_of_all(const std::vector<data::Split>& splits) {
    std::vector<data::SplitRow> rows;
    std::unordered_set<std::uint64_t> seen;
    for (const data::Split& split : splits) {
        for (const data::SplitRow& row : split.test) {
            if (seen.insert(row.row).second) rows.push_back(row);
        }
    }
    return rows;
}

std::string local_split_id(const Candidate& local, const std::string& fingerprint) {
    Candidate trained = local;
    trained.source = "local " + fingerprint;
    return candidate_id(trained);
}

std::string local_split_id(const Candidate& local, const data::Split& split) {
    return local_split_id(local, training_fingerprint(split.train));
}

RepeatScores repeat_scores(const Evaluation& evaluation, const std::vector<data::Split>& splits,
                           const std::map<std::string, double>& local_accuracy,
                           const std::vector<std::string>& fingerprints) {
    RepeatScores scores;
    scores.id = evaluation.id;
    scores.excluded_because = not_repeatable_because(evaluation.candidate);
    if (!scores.excluded_because.empty()) return scores;
    for (std::size_t k = 0; k < splits.size(); ++k) {
        const data::Split& split = splits[k];
        if (split.test.empty()) continue;
        // An embeddings candidate's split 0 is its own (its answers); the others' classifiers are scored alike.
        const bool other_model = evaluation.candidate.method == Method::Local ||
                                 (evaluation.candidate.method == Method::Embeddings && k > 0);
        if (other_model) {
            // Another split's model answered that split's rows; this one's answers are its own split's.
            const std::string id = k < fingerprints.size() ? local_split_id(evaluation.candidate, fingerprints[k])
                                                           : local_split_id(evaluation.candidate, split);
            if (id != evaluation.id || evaluation.candidate.method == Method::Embeddings) {
                if (const auto found = local_accuracy.find(id); found != local_accuracy.end()) {
                    scores.accuracies.push_back(found->second);
                }
                continue;
            }
        }
        // The baseline needs no answers: each split's own training rows decide its label.
        const std::string majority =
            evaluation.candidate.method == Method::Majority ? majority_label(split.train, split.classes) : std::string();
        std::size_t correct = 0;
        bool complete = true;
        for (const data::SplitRow& row : split.test) {
            if (evaluation.candidate.method == Method::Majority) {
                correct += majority == row.label ? 1 : 0;
                continue;
            }
            const auto found = evaluation.answers.find(row.row);
            if (found == evaluation.answers.end()) {
                complete = false;
                break;
            }
            correct += found->second.label == row.label ? 1 : 0;
        }
        if (complete) scores.accuracies.push_back(static_cast<double>(correct) / static_cast<double>(split.test.size()));
    }
    scores.summary = mean_sd(scores.accuracies);
    return scores;
}

}  // namespace tb::eval
