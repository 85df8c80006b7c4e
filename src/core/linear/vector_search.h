#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/linear/linear_search.h"
#include "core/linear/scored_fit.h"
#include "core/linear/vector_model.h"

namespace tb::linear {

// What a search on vectors tries: each strength C on the standardised training vectors, scored on the
// validation rows. Standardised embeddings of a few hundred rows want a strong penalty (small C), a
// hundred thousand rows a weak one: the grid spans both, a decade apart.
struct VectorSearchSettings {
    std::vector<double> strengths = {0.001, 0.01, 0.1, 1, 10};
    double tolerance = 1e-4;       // as SearchSettings
    double step_tolerance = 0.05;  // as SearchSettings
    int max_iterations = 1000;
    std::size_t tune_rows = 10000;  // as SearchSettings: past it, the grid on a stratified sample
    std::uint64_t seed = 1;         // the sample's

    bool operator==(const VectorSearchSettings&) const = default;
};

// Bytes the vectors of `rows` rows of `dims` dimensions take, held as the search holds them (floats).
inline std::size_t vector_bytes(std::size_t rows, std::size_t dims) { return rows * dims * sizeof(float); }

// A logistic regression on dense vectors (embeddings) with its strength chosen on the validation rows,
// as a step machine (construct, step(work) until done()). The same solver as the TF-IDF model's
// (softmax_regression.h) on the same objective, class weights balanced; only the features differ. The
// vectors are read where they are (the page's store of them, never copied or changed) and standardised
// as they are read, with the training rows' mean and deviation (StandardScaler); each C is solved in
// increasing order from the previous solution and scored on the validation rows, each listed as a Trial
// (ngram 0, features = dimensions) as it finishes. With more than tune_rows training rows the grid runs
// on a stratified sample and the best C is then fitted on every row from the sample's solution: the last
// trial, the model. A unit of work is one row. Deterministic: the same inputs give the same model on
// every platform, however the work is sliced.
class VectorSearch {
public:
    enum class Phase { Standardising, Solving, Scoring, Done };

    // `vectors`: dense rows (FeatureRows::dense), borrowed: they must outlive the search and not change
    // while it runs. The training and validation rows are given by their numbers in `vectors`.
    VectorSearch(const FeatureRows& vectors, std::vector<std::size_t> train_rows, std::vector<int> train_labels,
                 std::vector<std::size_t> validation_rows, std::vector<int> validation_labels,
                 std::vector<std::string> classes, VectorSearchSettings settings);

    std::size_t step(std::size_t work);
    bool done() const { return phase_ == Phase::Done; }
    Phase phase() const { return phase_; }
    const std::string& error() const { return error_; }
    double progress() const;  // 0..1, by fits finished

    const std::vector<Trial>& trials() const { return trials_; }
    std::optional<std::size_t> best() const { return best_; }
    std::size_t grid_size() const { return settings_.strengths.size(); }
    std::size_t tuning_rows() const { return tuning_.empty() ? train_labels_.size() : tuning_.size(); }
    const VectorSearchSettings& settings() const { return settings_; }

    // The best trial's model (empty before done, or on error); the search is then spent.
    VectorModel take_model();

private:
    std::size_t standardise(std::size_t work);
    void begin_fit(std::size_t strength_index, std::vector<double> start);
    void finish_fit();
    void fail(std::string why);

    const FeatureRows& vectors_;
    std::vector<std::string> classes_;
    VectorSearchSettings settings_;
    std::vector<std::size_t> train_rows_, validation_rows_;
    std::vector<int> train_labels_, validation_labels_;
    std::string error_;
    Phase phase_ = Phase::Standardising;
    std::size_t next_ = 0;  // Standardising: training rows read
    std::optional<StandardiserFit> fit_;
    Standardiser standardiser_;
    std::vector<std::size_t> tuning_;  // the sample's rows, by number in vectors_ (empty: every training row)
    std::vector<int> fit_labels_;
    std::vector<double> row_weights_;
    std::unique_ptr<ScoredFit> fit_under_way_;
    std::size_t strength_index_ = 0;
    bool all_rows_fit_ = false;  // the fit under way is the chosen C on every row
    std::vector<Trial> trials_;
    std::optional<std::size_t> best_;
    std::vector<double> best_parameters_;
    std::size_t fits_done_ = 0;
};

}  // namespace tb::linear
