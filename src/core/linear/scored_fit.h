#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/linear/feature_rows.h"
#include "core/linear/softmax_regression.h"

namespace tb::linear {

// The validation rows a fit is scored on: `which` of `rows` (empty: all, in order), one label each.
struct ScoringRows {
    const FeatureRows* rows = nullptr;
    std::span<const std::size_t> which;
    std::span<const int> labels;
    Standardising standardising;
};

// A fitted solution's accuracy and mean −log p(label) on the validation rows, counted a slice of rows at
// a time (the searches score between frames).
class ValidationScore {
public:
    // Scores up to `work` more rows with `parameters` (Problem's layout); returns the rows scored. The
    // rows scored are `which` of `rows` (empty: all, in order), one label each, read with `standardising`.
    std::size_t step(const FeatureRows& rows, std::span<const std::size_t> which, std::span<const int> labels,
                     std::span<const double> parameters, std::size_t classes, std::size_t work,
                     Standardising standardising = {});
    bool done(std::size_t rows) const { return scored_ == rows; }
    double accuracy() const;  // NaN without rows
    double loss() const;      // NaN without rows

private:
    std::size_t scored_ = 0, correct_ = 0;
    double loss_sum_ = 0;
    std::vector<double> probabilities_;
};

// One setting fitted and scored, as one step machine: the solver to its stopping rule on the problem,
// then its solution's accuracy and mean loss on the validation rows. Both searches (TF-IDF and vectors)
// fit each grid point through this. A unit of work is one row.
class ScoredFit {
public:
    // `problem` and `validation` point at rows that must outlive the fit. The solver's strength is the
    // problem's; the rest of `settings` (its stopping rule) as given.
    ScoredFit(Problem problem, SolverSettings settings, std::vector<double> start, ScoringRows validation);

    std::size_t step(std::size_t work);
    bool solving() const { return !solver_.done(); }
    bool done() const { return solver_.done() && score_.done(validation_.labels.size()); }

    double strength() const { return problem_.strength; }
    std::size_t rows() const { return problem_.size(); }
    double accuracy() const { return score_.accuracy(); }  // NaN without validation rows
    double loss() const { return score_.loss(); }
    const SoftmaxSolver& solver() const { return solver_; }
    std::vector<double> take_parameters() { return solver_.take_parameters(); }

private:
    Problem problem_;
    SoftmaxSolver solver_;
    ScoringRows validation_;
    ValidationScore score_;
};

}  // namespace tb::linear
