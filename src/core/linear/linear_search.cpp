#include "core/linear/linear_search.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/linear/class_rows.h"

namespace tb::linear {

namespace {

// A solution under `from` moved to the columns of `to`, term by term (a term `to` has and `from` lacks
// starts at zero), the biases as they are: where a fit on other rows with the same settings starts.
std::vector<double> carry_over(const Columns& from, const std::vector<double>& parameters, const Columns& to,
                               std::size_t classes) {
    std::vector<double> out((to.width() + 1) * classes, 0.0);
    const auto move_terms = [&](const std::vector<std::int32_t>& old_column, const std::vector<std::int32_t>& new_column) {
        for (std::size_t term = 0; term < std::min(old_column.size(), new_column.size()); ++term) {
            if (old_column[term] < 0 || new_column[term] < 0) continue;
            std::copy_n(parameters.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(old_column[term]) * classes),
                        classes, out.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(new_column[term]) * classes));
        }
    };
    move_terms(from.of_word, to.of_word);
    move_terms(from.of_pair, to.of_pair);
    move_terms(from.of_gram, to.of_gram);
    std::copy_n(parameters.end() - static_cast<std::ptrdiff_t>(classes), classes, out.end() - static_cast<std::ptrdiff_t>(classes));
    return out;
}

}  // namespace

bool better_trial(const Trial& a, const Trial& b) {
    if (std::isnan(b.accuracy)) return false;
    return a.accuracy != b.accuracy ? a.accuracy > b.accuracy : a.loss < b.loss;
}

SolverSettings stopping_rule(double tolerance, double step_tolerance, int max_iterations) {
    SolverSettings out;
    out.tolerance = tolerance;
    out.step_tolerance = step_tolerance;
    out.max_iterations = max_iterations;
    return out;
}

namespace {

// Why a search cannot run on these inputs, or empty.
std::string check_inputs(std::size_t train_texts, const std::vector<int>& train_labels, std::size_t validation_texts,
                         const std::vector<int>& validation_labels, std::size_t classes, const SearchSettings& settings) {
    const auto in_range = [&](int label) { return label >= 0 && static_cast<std::size_t>(label) < classes; };
    if (classes < 2) return "at least two classes are needed";
    if (train_texts == 0) return "there are no training rows";
    if (train_texts != train_labels.size() || validation_texts != validation_labels.size()) {
        return "the texts and the labels differ in number";
    }
    if (!std::all_of(train_labels.begin(), train_labels.end(), in_range) ||
        !std::all_of(validation_labels.begin(), validation_labels.end(), in_range)) {
        return "a label is not one of the classes";
    }
    if (settings.ngrams.empty() || settings.strengths.empty()) return "the grid is empty";
    for (const int n : settings.ngrams) {
        if (n < 1 || n > 2) return "n-grams longer than 2 words are not supported";
    }
    for (const double c : settings.strengths) {
        if (!(c > 0) || !std::isfinite(c)) return "a strength C is not a positive number";
    }
    if (settings.max_features < 1) return "max_features must be at least 1";
    if (settings.chars.on() && (settings.chars.min < 1 || settings.chars.max < settings.chars.min || settings.chars.max > 16)) {
        return "character n-grams must be a range of 1 to 16 characters";
    }
    return {};
}

}  // namespace

LinearSearch::LinearSearch(std::vector<std::string> train_texts, std::vector<int> train_labels,
                           std::vector<std::string> validation_texts, std::vector<int> validation_labels,
                           std::vector<std::string> classes, SearchSettings settings)
    : classes_(std::move(classes)), settings_(std::move(settings)), train_labels_(std::move(train_labels)),
      validation_labels_(std::move(validation_labels)), index_(settings_.chars) {
    if (std::string why = check_inputs(train_texts.size(), train_labels_, validation_texts.size(), validation_labels_,
                                       classes_.size(), settings_);
        !why.empty()) {
        fail(std::move(why));
        return;
    }
    std::sort(settings_.strengths.begin(), settings_.strengths.end());
    pending_train_ = std::move(train_texts);
    pending_validation_ = std::move(validation_texts);
}

void LinearSearch::fail(std::string why) {
    error_ = std::move(why);
    phase_ = Phase::Done;
}

bool LinearSearch::wants_curve() const {
    return settings_.learning_curve && !validation_labels_.empty() && tuning_.size() >= 4 * classes_.size();
}

double LinearSearch::progress() const {
    if (phase_ == Phase::Done) return 1;
    const std::size_t points =
        grid_size() + (wants_curve() ? 2 : 0) + (tuning_.size() < train_labels_.size() ? 1 : 0);
    double within = 0;
    switch (phase_) {
    case Phase::Reading: return 0;
    case Phase::Features: {
        const std::size_t rows = stage_.rows.size() + validation_labels_.size();
        within = rows == 0 ? 0 : 0.1 * static_cast<double>(next_) / static_cast<double>(rows);
        break;
    }
    case Phase::Solving:
        within = 0.1 + 0.8 * std::min(1.0, fit_under_way_ ? fit_under_way_->solver().iterations() / 150.0 : 0.0);
        break;
    case Phase::Scoring: within = 0.9; break;
    case Phase::Done: break;
    }
    return std::min(1.0, (static_cast<double>(fits_done_) + within) / static_cast<double>(points));
}

std::size_t LinearSearch::step(std::size_t work) {
    switch (phase_) {
    case Phase::Reading: return read(work);
    case Phase::Features: return build(work);
    case Phase::Solving:
    case Phase::Scoring: return fit(work);
    case Phase::Done: return 0;
    }
    return 0;
}

std::size_t LinearSearch::read(std::size_t work) {
    std::size_t did = 0;
    const std::size_t total = pending_train_.size() + pending_validation_.size();
    for (; did < work && next_ < total; ++did, ++next_) {
        if (next_ < pending_train_.size()) {
            index_.add_training(pending_train_[next_]);
        } else {
            index_.add_other(pending_validation_[next_ - pending_train_.size()]);
        }
    }
    if (next_ == total) {
        pending_train_ = {};
        pending_validation_ = {};
        const std::size_t rows = train_labels_.size();
        tuning_ = tuning_sample(train_labels_, classes_.size(), settings_.tune_rows, grid_size(), settings_.seed);
        if (tuning_.empty()) {
            tuning_.resize(rows);
            std::iota(tuning_.begin(), tuning_.end(), std::size_t{0});
        }
        all_rows_due_ = tuning_.size() < rows;
        stage_ = Stage{};
        stage_.ngram = settings_.ngrams[0];
        stage_.rows = tuning_;
        begin_features();
    }
    return std::max<std::size_t>(did, 1);
}

void LinearSearch::begin_features() {
    const bool all = stage_.rows.size() == train_labels_.size();
    columns_ = index_.fit(stage_.ngram, settings_.min_df, settings_.max_features, all ? std::vector<std::size_t>{} : stage_.rows);
    train_rows_ = FeatureRows{};
    validation_rows_ = FeatureRows{};
    train_rows_.width = validation_rows_.width = columns_.width();
    fit_labels_.clear();
    for (const std::size_t row : stage_.rows) fit_labels_.push_back(train_labels_[row]);
    row_weights_ = balanced_weights(fit_labels_, classes_.size());
    next_ = 0;
    phase_ = Phase::Features;
}

std::size_t LinearSearch::build(std::size_t work) {
    std::size_t did = 0;
    const std::size_t total = stage_.rows.size() + validation_labels_.size();
    for (; did < work && next_ < total; ++did, ++next_) {
        const bool training = next_ < stage_.rows.size();
        const std::size_t text = training ? stage_.rows[next_] : index_.training_texts() + (next_ - stage_.rows.size());
        index_.row(text, columns_, scratch_, row_columns_, row_values_);
        (training ? train_rows_ : validation_rows_).add_row(row_columns_, row_values_);
    }
    if (next_ == total) {
        if (stage_.fit == Fit::AllRows) warm_ = carry_over(best_columns_, best_parameters_, columns_, classes_.size());
        begin_solver(std::move(warm_));
    }
    return std::max<std::size_t>(did, 1);
}

void LinearSearch::begin_solver(std::vector<double> start) {
    const Problem problem(&train_rows_, fit_labels_, row_weights_, static_cast<int>(classes_.size()),
                          settings_.strengths[stage_.strength_index]);
    fit_under_way_ = std::make_unique<ScoredFit>(
        problem, stopping_rule(settings_.tolerance, settings_.step_tolerance, settings_.max_iterations), std::move(start),
        ScoringRows{&validation_rows_, {}, validation_labels_, {}});
    phase_ = Phase::Solving;
}

std::size_t LinearSearch::fit(std::size_t work) {
    const std::size_t did = fit_under_way_->step(work);
    phase_ = fit_under_way_->solving() ? Phase::Solving : Phase::Scoring;
    if (fit_under_way_->done()) finish_point();
    return did;
}

void LinearSearch::finish_point() {
    const double accuracy = fit_under_way_->accuracy(), loss = fit_under_way_->loss();
    ++fits_done_;
    switch (stage_.fit) {
    case Fit::Grid:
        if (!finish_trial(accuracy, loss)) return;  // the grid goes on
        break;
    case Fit::Curve: curve_.push_back({stage_.rows.size(), accuracy, loss}); break;
    case Fit::AllRows:
        finish_trial(accuracy, loss);
        if (wants_curve()) curve_.push_back({stage_.rows.size(), accuracy, loss});
        break;
    }
    next_fit();
}

bool LinearSearch::finish_trial(double accuracy, double loss) {
    Trial trial;
    trial.ngram = stage_.ngram;
    trial.chars = settings_.chars;
    trial.strength = fit_under_way_->strength();
    trial.rows = stage_.rows.size();
    trial.features = columns_.width();
    trial.accuracy = accuracy;
    trial.loss = loss;
    trial.iterations = fit_under_way_->solver().iterations();
    trial.converged = fit_under_way_->solver().converged();
    trials_.push_back(trial);
    if (stage_.fit == Fit::AllRows) {
        // The model, whatever its validation score: the grid chose its settings.
        best_ = trials_.size() - 1;
        best_parameters_ = fit_under_way_->take_parameters();
        best_columns_ = columns_;
        return true;
    }
    if (!best_ || better_trial(trial, trials_[*best_])) {
        best_ = trials_.size() - 1;
        best_parameters_ = fit_under_way_->solver().parameters();
        best_columns_ = columns_;
    }
    warm_ = fit_under_way_->take_parameters();
    // The next strength from this solution; then the next n-gram length from zero.
    if (++stage_.strength_index < settings_.strengths.size()) {
        begin_solver(std::move(warm_));
        return false;
    }
    warm_.clear();
    if (++ngram_index_ < settings_.ngrams.size()) {
        stage_.ngram = settings_.ngrams[ngram_index_];
        stage_.strength_index = 0;
        begin_features();
        return false;
    }
    // The grid is done: the learning curve, smallest share first, for the best settings, whose own
    // trial is its point at the rows tuned on.
    chosen_ = best_;
    if (wants_curve()) {
        curve_sizes_ = {4, 2};
        curve_.push_back({tuning_.size(), trials_[*best_].accuracy, trials_[*best_].loss});
    }
    return true;
}

void LinearSearch::next_fit() {
    fit_under_way_.reset();
    const auto start = [&](Fit fit, std::vector<std::size_t> rows) {
        const Trial& chosen = trials_[*chosen_];
        stage_ = Stage{};
        stage_.fit = fit;
        stage_.ngram = chosen.ngram;
        stage_.strength_index = static_cast<std::size_t>(
            std::find(settings_.strengths.begin(), settings_.strengths.end(), chosen.strength) - settings_.strengths.begin());
        stage_.rows = std::move(rows);
        begin_features();
    };
    if (!curve_sizes_.empty()) {
        const std::size_t divisor = curve_sizes_.front();
        curve_sizes_.erase(curve_sizes_.begin());
        start(Fit::Curve, stratified_share(tuning_, train_labels_, classes_.size(), 1.0 / static_cast<double>(divisor),
                                           settings_.seed + divisor));
        return;
    }
    if (all_rows_due_) {
        all_rows_due_ = false;
        std::vector<std::size_t> all(train_labels_.size());
        std::iota(all.begin(), all.end(), std::size_t{0});
        start(Fit::AllRows, std::move(all));
        return;
    }
    std::stable_sort(curve_.begin(), curve_.end(), [](const CurvePoint& a, const CurvePoint& b) { return a.rows < b.rows; });
    train_rows_ = FeatureRows{};
    validation_rows_ = FeatureRows{};
    phase_ = Phase::Done;
}

LinearModel LinearSearch::take_model() {
    if (!best_ || phase_ != Phase::Done || !error_.empty()) return {};
    const std::size_t k = classes_.size(), weights = best_columns_.width() * k;
    std::vector<float> w(weights), b(k);
    for (std::size_t i = 0; i < weights; ++i) w[i] = static_cast<float>(best_parameters_[i]);
    for (std::size_t c = 0; c < k; ++c) b[c] = static_cast<float>(best_parameters_[weights + c]);
    LinearModel model(best_columns_.tfidf(), classes_, std::move(w), std::move(b), trials_[*best_].strength);
    best_parameters_ = {};
    best_columns_ = Columns{};
    return model;
}

}  // namespace tb::linear
