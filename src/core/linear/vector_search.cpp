#include "core/linear/vector_search.h"

#include <algorithm>
#include <cmath>

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
    if (fit_under_way_) within = fit_under_way_->solving() ? 0.9 * std::min(1.0, fit_under_way_->solver().iterations() / 150.0) : 0.9;
    return std::min(1.0, (static_cast<double>(fits_done_) + within) / static_cast<double>(fits));
}

std::size_t VectorSearch::step(std::size_t work) {
    switch (phase_) {
    case Phase::Standardising: return standardise(work);
    case Phase::Solving:
    case Phase::Scoring: {
        const std::size_t did = fit_under_way_->step(work);
        phase_ = fit_under_way_->solving() ? Phase::Solving : Phase::Scoring;
        if (fit_under_way_->done()) finish_fit();
        return did;
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
        const std::vector<std::size_t> sample =
            tuning_sample(train_labels_, classes_.size(), settings_.tune_rows, grid_size(), settings_.seed);
        fit_labels_ = sample.empty() ? train_labels_ : std::vector<int>{};
        for (const std::size_t i : sample) {
            tuning_.push_back(train_rows_[i]);
            fit_labels_.push_back(train_labels_[i]);
        }
        row_weights_ = balanced_weights(fit_labels_, classes_.size());
        begin_fit(0, {});
    }
    return std::max<std::size_t>(did, 1);
}

void VectorSearch::begin_fit(std::size_t strength_index, std::vector<double> start) {
    strength_index_ = strength_index;
    const std::span<const std::size_t> rows = tuning_.empty() ? train_rows_ : tuning_;
    const Problem problem(&vectors_, fit_labels_, row_weights_, static_cast<int>(classes_.size()),
                          settings_.strengths[strength_index], rows, standardiser_.reading());
    fit_under_way_ = std::make_unique<ScoredFit>(
        problem, stopping_rule(settings_.tolerance, settings_.step_tolerance, settings_.max_iterations), std::move(start),
        ScoringRows{&vectors_, validation_rows_, validation_labels_, standardiser_.reading()});
    phase_ = Phase::Solving;
}

void VectorSearch::finish_fit() {
    ScoredFit& fit = *fit_under_way_;
    Trial trial;
    trial.ngram = 0;
    trial.strength = fit.strength();
    trial.rows = fit.rows();
    trial.features = vectors_.width;
    trial.accuracy = fit.accuracy();
    trial.loss = fit.loss();
    trial.iterations = fit.solver().iterations();
    trial.converged = fit.solver().converged();
    trials_.push_back(trial);
    ++fits_done_;
    if (all_rows_fit_) {
        // The model, whatever its validation score: the grid chose its strength.
        best_ = trials_.size() - 1;
        best_parameters_ = fit.take_parameters();
        fit_under_way_.reset();
        phase_ = Phase::Done;
        return;
    }
    if (!best_ || better_trial(trial, trials_[*best_])) {
        best_ = trials_.size() - 1;
        best_parameters_ = fit.solver().parameters();
    }
    if (strength_index_ + 1 < grid_size()) {
        begin_fit(strength_index_ + 1, fit.take_parameters());  // the next C from this solution
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
    fit_under_way_.reset();
    phase_ = Phase::Done;
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
