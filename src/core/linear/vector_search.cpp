#include "core/linear/vector_search.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace tb::linear {

namespace {

// Why a search cannot run on these inputs, or empty.
std::string check_inputs(const FeatureRows& vectors, const std::vector<std::size_t>& train_rows,
                         const std::vector<int>& train_labels, const std::vector<std::size_t>& validation_rows,
                         const std::vector<int>& validation_labels, std::size_t classes,
                         const VectorSearchSettings& settings) {
    const auto in_range = [&](int label) { return label >= 0 && static_cast<std::size_t>(label) < classes; };
    const auto held = [&](std::size_t row) { return row < vectors.size(); };
    if (classes < 2) return "at least two classes are needed";
    if (train_rows.empty()) return "there are no training rows";
    if (!vectors.dense || vectors.width == 0 || vectors.values.size() != vectors.size() * vectors.width) {
        return "the vectors are not dense rows of one length";
    }
    if (train_rows.size() != train_labels.size() || validation_rows.size() != validation_labels.size()) {
        return "the vectors and the labels differ in number";
    }
    if (!std::all_of(train_rows.begin(), train_rows.end(), held) ||
        !std::all_of(validation_rows.begin(), validation_rows.end(), held)) {
        return "a row has no vector";
    }
    if (!std::all_of(train_labels.begin(), train_labels.end(), in_range) ||
        !std::all_of(validation_labels.begin(), validation_labels.end(), in_range)) {
        return "a label is not one of the classes";
    }
    if (settings.strengths.empty()) return "the grid is empty";
    for (const double c : settings.strengths) {
        if (!(c > 0) || !std::isfinite(c)) return "a strength C is not a positive number";
    }
    return {};
}

}  // namespace

VectorSearch::VectorSearch(const FeatureRows& vectors, std::vector<std::size_t> train_rows, std::vector<int> train_labels,
                           std::vector<std::size_t> validation_rows, std::vector<int> validation_labels,
                           std::vector<std::string> classes, VectorSearchSettings settings)
    : vectors_(vectors), classes_(std::move(classes)), settings_(std::move(settings)), train_rows_(std::move(train_rows)),
      validation_rows_(std::move(validation_rows)), train_labels_(std::move(train_labels)),
      validation_labels_(std::move(validation_labels)) {
    if (std::string why = check_inputs(vectors_, train_rows_, train_labels_, validation_rows_, validation_labels_,
                                       classes_.size(), settings_);
        !why.empty()) {
        fail(std::move(why));
        return;
    }
    std::sort(settings_.strengths.begin(), settings_.strengths.end());
    fit_.emplace(vectors_.width);
}

void VectorSearch::fail(std::string why) {
    error_ = std::move(why);
    phase_ = Phase::Done;
}

double VectorSearch::progress() const {
    if (phase_ == Phase::Done) return 1;
    const bool sampled = settings_.tune_rows > 0 && train_labels_.size() > settings_.tune_rows && grid_size() > 1;
    const std::size_t fits = grid_size() + (sampled ? 1 : 0);
    double within = 0;
    switch (phase_) {
    case Phase::Standardising: return 0;
    case Phase::Solving: within = 0.9 * std::min(1.0, solver_ ? solver_->iterations() / 150.0 : 0.0); break;
    case Phase::Scoring: within = 0.9; break;
    case Phase::Done: break;
    }
    return std::min(1.0, (static_cast<double>(fits_done_) + within) / static_cast<double>(fits));
}

std::size_t VectorSearch::step(std::size_t work) {
    switch (phase_) {
    case Phase::Standardising: return standardise(work);
    case Phase::Solving: {
        const std::size_t did = solver_->step(work);
        if (solver_->done()) {
            phase_ = Phase::Scoring;
            score_ = ValidationScore{};
        }
        return std::max<std::size_t>(did, 1);
    }
    case Phase::Scoring: {
        const std::size_t did = score_.step(vectors_, validation_rows_, validation_labels_, solver_->parameters(),
                                            classes_.size(), work, standardiser_.reading());
        if (score_.done(validation_labels_.size())) finish_fit();
        return std::max<std::size_t>(did, 1);
    }
    case Phase::Done: return 0;
    }
    return 0;
}

// The training rows' mean and deviation; every row is then read standardised with them.
std::size_t VectorSearch::standardise(std::size_t work) {
    const std::size_t rows = train_rows_.size();
    std::size_t did = 0;
    for (; did < work && next_ < rows; ++did, ++next_) fit_->add(vectors_.values_of(train_rows_[next_]));
    if (next_ == rows) {
        standardiser_ = fit_->result();
        fit_.reset();
        // A grid of one setting has nothing to choose: it is fitted on every row at once.
        if (settings_.tune_rows > 0 && rows > settings_.tune_rows && grid_size() > 1) {
            std::vector<std::size_t> all(rows);
            std::iota(all.begin(), all.end(), std::size_t{0});
            const std::vector<std::size_t> sample = stratified_share(
                all, train_labels_, classes_.size(), static_cast<double>(settings_.tune_rows) / static_cast<double>(rows),
                settings_.seed);
            fit_labels_.clear();
            for (const std::size_t i : sample) {
                tuning_.push_back(train_rows_[i]);
                fit_labels_.push_back(train_labels_[i]);
            }
        } else {
            fit_labels_ = train_labels_;
        }
        row_weights_ = balanced_weights(fit_labels_, classes_.size());
        begin_fit(0, {});
    }
    return std::max<std::size_t>(did, 1);
}

void VectorSearch::begin_fit(std::size_t strength_index, std::vector<double> start) {
    strength_index_ = strength_index;
    const std::span<const std::size_t> rows = tuning_.empty() ? train_rows_ : tuning_;
    problem_ = Problem(&vectors_, fit_labels_, row_weights_, static_cast<int>(classes_.size()),
                       settings_.strengths[strength_index], rows, standardiser_.reading());
    SolverSettings solver;
    solver.strength = problem_.strength;
    solver.tolerance = settings_.tolerance;
    solver.step_tolerance = settings_.step_tolerance;
    solver.max_iterations = settings_.max_iterations;
    solver_ = std::make_unique<SoftmaxSolver>(problem_, solver, std::move(start));
    phase_ = Phase::Solving;
}

void VectorSearch::finish_fit() {
    Trial trial;
    trial.ngram = 0;
    trial.strength = problem_.strength;
    trial.rows = problem_.size();
    trial.features = vectors_.width;
    trial.accuracy = score_.accuracy();
    trial.loss = score_.loss();
    trial.iterations = solver_->iterations();
    trial.converged = solver_->converged();
    trials_.push_back(trial);
    ++fits_done_;
    const auto finish = [&] {
        solver_.reset();
        phase_ = Phase::Done;
    };
    if (all_rows_fit_) {
        // The model, whatever its validation score: the grid chose its strength.
        best_ = trials_.size() - 1;
        best_parameters_ = solver_->take_parameters();
        finish();
        return;
    }
    const auto better = [](const Trial& a, const Trial& b) {
        if (std::isnan(b.accuracy)) return false;  // without validation rows the first trial stays
        return a.accuracy != b.accuracy ? a.accuracy > b.accuracy : a.loss < b.loss;
    };
    if (!best_ || better(trial, trials_[*best_])) {
        best_ = trials_.size() - 1;
        best_parameters_ = solver_->parameters();
    }
    if (strength_index_ + 1 < grid_size()) {
        begin_fit(strength_index_ + 1, solver_->take_parameters());  // the next C from this solution
        return;
    }
    if (!tuning_.empty()) {
        // The chosen C on every row, from the sample's solution (the same columns: nothing to carry over).
        all_rows_fit_ = true;
        tuning_.clear();
        fit_labels_ = train_labels_;
        row_weights_ = balanced_weights(fit_labels_, classes_.size());
        const auto chosen = static_cast<std::size_t>(
            std::find(settings_.strengths.begin(), settings_.strengths.end(), trials_[*best_].strength) -
            settings_.strengths.begin());
        begin_fit(chosen, best_parameters_);
        return;
    }
    finish();
}

VectorModel VectorSearch::take_model() {
    if (!best_ || phase_ != Phase::Done || !error_.empty()) return {};
    const std::size_t k = classes_.size(), weights = best_parameters_.size() - k;
    std::vector<float> w(weights), b(k);
    for (std::size_t i = 0; i < weights; ++i) w[i] = static_cast<float>(best_parameters_[i]);
    for (std::size_t c = 0; c < k; ++c) b[c] = static_cast<float>(best_parameters_[weights + c]);
    best_parameters_ = {};
    return VectorModel(classes_, std::move(standardiser_), std::move(w), std::move(b), trials_[*best_].strength);
}

}  // namespace tb::linear
