#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/linear/class_rows.h"
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
