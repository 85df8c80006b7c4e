#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/linear/class_rows.h"
#include "core/linear/linear_model.h"
#include "core/linear/scored_fit.h"
#include "core/linear/term_index.h"

namespace tb::linear {

// What a search tries: every longest n-gram × every strength C, fitted on the training rows and
// scored on the validation rows. The defaults are the grid bench/local_model.sh gives scikit-learn.
struct SearchSettings {
    std::vector<int> ngrams = {1, 2};                  // longest word n-gram of each trial's features
    // Character n-grams beside the words in every trial's features (char_grams.h), or none. Off by
    // default: on the real CFPB excerpt (scikit-learn, the same grid, 5 splits from 100 and from ~3,000
    // training rows) they added 0.4 to 1.4 points of test accuracy, for 3.5 to 5.6 times scikit-learn's
    // time and 6 to 8 times ours (bench/local_model.sh's -chars sets), and they hold about 7 times the terms.
    CharRange chars;
    std::vector<double> strengths = {1, 3, 10, 30, 100};  // C, tried in increasing order
    int min_df = 1;
    std::size_t max_features = 100000;  // bounds the weights (and L-BFGS's memory) on large files
    // The solver's stopping rule (SolverSettings): every gradient component of the mean objective at most
    // `tolerance` (scikit-learn's default tol, which it applies to this same mean objective since 1.4,
    // scikit-learn PR #26721) and no weight more than `step_tolerance` from where a Newton step on the
    // Hessian's diagonal would put it (what makes the first honest on many rows).
    double tolerance = 1e-4;
    double step_tolerance = 0.05;
    int max_iterations = 1000;
    bool learning_curve = true;  // the best trial's settings again on ¼ and ½ of the rows tuned on
    std::uint64_t seed = 1;      // which rows those are, and the tuning sample's
    // With more training rows than this, a grid of more than one setting is tried on a stratified sample
    // of about this many (each class rounded; drawn from the seed), and the chosen settings are then fitted once on all the rows:
    // the model. 0: the grid on all rows. C carries over unchanged: the objective is scikit-learn's C · Σ loss + ½‖W‖²
    // (divided by C · Σ s_i), so a C means the same balance of loss and penalty per row at any number
    // of rows, as it does when scikit-learn's grid is run on every row.
    std::size_t tune_rows = 10000;

    bool operator==(const SearchSettings&) const = default;
};

// One grid point, once solved and scored; or, after a grid tried on a sample, the chosen settings
// fitted on all the training rows (the last trial, rows = all of them).
struct Trial {
    int ngram = 1;
    CharRange chars;
    double strength = 1;
    std::size_t rows = 0;  // training rows it was fitted on
    std::size_t features = 0;
    double accuracy = 0;  // on the validation rows (NaN without any)
    double loss = 0;      // mean −log p(label) on them
    int iterations = 0;
    bool converged = false;
};

// Whether trial a beats trial b: a higher validation accuracy, then a lower validation loss; without
// validation rows (NaN) none does, so the first stays.
bool better_trial(const Trial& a, const Trial& b);

// The solver's stopping rule of a search's settings (its strength is each fit's own).
SolverSettings stopping_rule(double tolerance, double step_tolerance, int max_iterations);

// Validation accuracy of the best settings trained on part of the training rows.
struct CurvePoint {
    std::size_t rows = 0;
    double accuracy = 0;
    double loss = 0;
};

// A TF-IDF + logistic regression model chosen on the validation rows, as a step machine: construct with
// the rows, call step(work) until done(). A unit of work is reading one text, building one row, or one
// row of one objective evaluation. Trials of the same n-gram length are solved in increasing C, each
// starting from the previous one's solution (a regularisation path). The best trial (highest validation
// accuracy, then lowest validation loss, then first) is the model. With more than tune_rows training
// rows, the grid runs on a sample of them and the model is the best trial's settings fitted on all rows
// (started from the sample's solution, term by term), listed as the last trial; best() points at it.
// Then the learning curve: the chosen settings on ¼ and ½ of the rows tuned on, that best trial, and the
// fit on all rows when there is one. Deterministic: the same inputs give the same model on every
// platform, however the work is sliced.
class LinearSearch {
public:
    enum class Phase { Reading, Features, Solving, Scoring, Done };
    enum class Fit { Grid, Curve, AllRows };  // what the fit under way is for

    // The texts are moved in and dropped once read: on a large file they are the largest thing held.
    LinearSearch(std::vector<std::string> train_texts, std::vector<int> train_labels,
                 std::vector<std::string> validation_texts, std::vector<int> validation_labels,
                 std::vector<std::string> classes, SearchSettings settings);

    std::size_t step(std::size_t work);
    bool done() const { return phase_ == Phase::Done; }
    Phase phase() const { return phase_; }
    const std::string& error() const { return error_; }
    double progress() const;  // 0..1, by grid points finished

    const std::vector<Trial>& trials() const { return trials_; }  // in the order finished
    std::optional<std::size_t> best() const { return best_; }    // into trials()
    const std::vector<CurvePoint>& learning_curve() const { return curve_; }
    std::size_t grid_size() const { return settings_.ngrams.size() * settings_.strengths.size(); }
    const SearchSettings& settings() const { return settings_; }
    std::size_t features_of_trial_under_way() const { return columns_.width(); }
    Fit fit_under_way() const { return stage_.fit; }
    std::size_t rows_of_fit_under_way() const { return stage_.rows.size(); }
    std::size_t tuning_rows() const { return tuning_.size(); }  // rows the grid is tried on

    // The best trial's model (empty before done, or on error); the search is then spent.
    LinearModel take_model();

private:
    // A fit under way: the rows it learns from, its columns and its solver.
    struct Stage {
        int ngram = 1;
        std::vector<std::size_t> rows;  // training texts (indices) it learns from
        std::size_t strength_index = 0;
        Fit fit = Fit::Grid;
    };
    std::size_t read(std::size_t work);
    std::size_t build(std::size_t work);
    std::size_t fit(std::size_t work);
    void begin_features();
    void begin_solver(std::vector<double> start);
    void finish_point();
    bool finish_trial(double accuracy, double loss);  // true once the grid (or the fit on all rows) is done
    void next_fit();
    bool wants_curve() const;
    void fail(std::string why);

    std::vector<std::string> classes_;
    SearchSettings settings_;
    std::vector<int> train_labels_, validation_labels_;
    std::vector<double> row_weights_;  // balanced class weights of the rows being fitted
    std::vector<int> fit_labels_;
    std::string error_;
    Phase phase_ = Phase::Reading;
    // Reading: the texts, kept until read.
    std::vector<std::string> pending_train_, pending_validation_;
    std::size_t next_ = 0;
    TermIndex index_;
    // The stage under way and its features.
    Stage stage_;
    std::size_t ngram_index_ = 0;
    Columns columns_;
    FeatureRows train_rows_, validation_rows_;
    std::vector<std::int32_t> scratch_, row_columns_;
    std::vector<float> row_values_;
    std::unique_ptr<ScoredFit> fit_under_way_;
    std::vector<double> warm_;  // the previous strength's solution
    std::vector<std::size_t> tuning_;  // the training rows the grid is tried on (all, or a sample)
    // Results.
    std::vector<Trial> trials_;
    std::optional<std::size_t> best_;
    std::vector<double> best_parameters_;
    Columns best_columns_;
    std::optional<std::size_t> chosen_;     // the best grid trial, once the grid is done
    std::vector<CurvePoint> curve_;
    std::vector<std::size_t> curve_sizes_;  // learning-curve fits still to do
    bool all_rows_due_ = false;             // the fit on all rows is still to do
    std::size_t fits_done_ = 0;
};

}  // namespace tb::linear
