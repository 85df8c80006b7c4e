#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/linear/feature_rows.h"

namespace tb::linear {

// Multinomial logistic regression with an L2 penalty, as scikit-learn's LogisticRegression (lbfgs,
// multinomial) defines it: minimise over W (width × classes) and b (classes)
//     C · Σ_i s_i · (−log softmax(x_i W + b)[y_i]) + ½‖W‖²
// where s_i is the row's weight (class_weight="balanced" gives n / (classes · rows of y_i's class)).
// The bias is not penalised. We minimise the same objective divided by C · Σ s_i — the weighted mean
// loss plus ‖W‖² / (2 C Σ s_i) — so its gradient's scale, and the tolerance, do not grow with the rows.
//
// Parameters are laid out feature-major: W[feature · classes + class], then the classes biases, so a
// row's nonzeros read contiguous runs of `classes` weights.
struct Problem {
    Problem() = default;
    Problem(const FeatureRows* rows_, std::span<const int> labels_, std::span<const double> row_weights_, int classes_,
            double strength_, std::span<const std::size_t> subset_ = {}, Standardising standardising_ = {})
        : rows(rows_), labels(labels_), row_weights(row_weights_), classes(classes_), strength(strength_), subset(subset_),
          standardising(standardising_) {}

    const FeatureRows* rows = nullptr;
    std::span<const int> labels;           // 0..classes-1, one per row learnt from
    std::span<const double> row_weights;   // s_i, one per row learnt from
    int classes = 0;
    double strength = 1;                   // C
    // The rows learnt from, by index into `rows`, in this order (empty: all of them): a fit on part of a
    // large set of dense vectors reads them where they are rather than copying them.
    std::span<const std::size_t> subset;
    Standardising standardising;  // dense rows: read standardised (feature_rows.h)

    std::size_t parameter_count() const { return rows->width * static_cast<std::size_t>(classes) + classes; }
    std::size_t size() const { return subset.empty() ? rows->size() : subset.size(); }
    std::size_t row(std::size_t i) const { return subset.empty() ? i : subset[i]; }
};

// The objective and its gradient at `parameters`, all rows at once (tests and small problems).
double objective(const Problem& problem, std::span<const double> parameters, std::span<double> gradient);

// Adds rows [begin, end)'s weighted loss to `loss` and its gradient (unscaled, unpenalised) to `gradient`;
// returns the rows' total weight. objective() is this over all rows, then scaled and penalised. With a
// non-empty `curvature` (parameter_count() values), also adds the diagonal of the loss's Hessian there.
double add_rows(const Problem& problem, std::span<const double> parameters, std::size_t begin, std::size_t end,
                double& loss, std::span<double> gradient, std::vector<double>& scores, std::span<double> curvature = {});

// Class probabilities of one row: `weights` feature-major (see Problem), one bias per class; `out` has
// bias.size() values. Floats for a saved model, doubles for the solver's parameters.
template <typename Weight>
void probabilities(std::span<const std::int32_t> columns, std::span<const float> values, std::span<const Weight> weights,
                   std::span<const Weight> bias, std::span<double> out, Standardising standardising = {});

// When the solver stops: at a point where both of these hold (converged), or at max_iterations, or when
// the objective stops decreasing.
//  - tolerance: every gradient component of the scaled objective (the weighted mean) is at most this.
//    It bounds the frequent columns' and the biases' error, but not a rare column's: at n rows a column
//    in d of them has a gradient of order d / n however far its weight is from the minimum, so on large
//    files this test alone passes long before the strength C has had its effect (warm-started from the
//    solution for C = 10, the one for C = 30 can pass at once).
//  - step_tolerance (0: not checked): no weight would move by more than this under a Newton step on the
//    Hessian's diagonal (|g_i| / D_i, D as below), penalty included. It is in the weights' own units
//    whatever n, so a rare column counts as much as a frequent one and C's effect is always resolved.
struct SolverSettings {
    double strength = 1;          // C
    double tolerance = 1e-5;
    double step_tolerance = 0;
    int max_iterations = 1000;
    int memory = 7;               // L-BFGS correction pairs kept
};

// L-BFGS (Nocedal & Wright, algorithm 7.4: two-loop recursion) with a backtracking Armijo line search,
// as a step machine: step(work) evaluates up to `work` rows of the objective at the point being tried,
// and moves on when a whole evaluation is done. A unit of work is one row (about 2 · nonzeros · classes
// multiply-adds), so a caller can keep each browser frame short. The result depends only on the problem
// and the start, never on how the work was sliced.
//
// Preconditioned: the initial Hessian of each two-loop recursion is γ·D, D the objective's Hessian
// diagonal at the start point (from the first evaluation) and γ = s·y / y·D⁻¹·y, instead of the usual
// multiple of the identity. TF-IDF columns' document frequencies span orders of magnitude, so the
// objective's curvature does too, column by column; D evens it out, which cuts the iterations several
// times on large files (an L-BFGS in the variables D^½·x, converging to the same minimum).
class SoftmaxSolver {
public:
    // `problem` must outlive the solver. `start` (empty: zeros) warm-starts it, e.g. from the solution
    // for a neighbouring strength.
    SoftmaxSolver(Problem problem, SolverSettings settings, std::vector<double> start = {});

    std::size_t step(std::size_t work);
    bool done() const { return done_; }
    bool converged() const { return converged_; }   // by the tolerances (else: iterations, or no progress)
    int iterations() const { return iterations_; }
    int evaluations() const { return evaluations_; }
    double objective() const { return f_; }          // at parameters()
    double gradient_max() const { return gradient_max_; }
    const std::vector<double>& parameters() const { return x_; }
    std::vector<double> take_parameters() { return std::move(x_); }

private:
    void finish_evaluation();
    void precondition(double weight);
    bool at_minimum();  // by both tolerances; sets gradient_max_
    void accept(double f_trial);
    void start_trial(double step_length);
    void next_direction();

    Problem problem_;
    SolverSettings settings_;
    std::vector<double> x_, g_;              // the current point and its gradient
    std::vector<double> trial_, trial_g_;    // the point being evaluated
    std::vector<double> direction_;
    std::vector<double> diagonal_;           // D (see above): the Hessian's diagonal at the start
    std::vector<double> scores_;
    double f_ = 0, gradient_max_ = 0;
    double step_length_ = 1, slope_ = 0;     // along direction_; slope_ = g · direction
    // Correction pairs, oldest first (a ring of `memory` pairs), floats to halve their memory.
    std::vector<std::vector<float>> s_, y_;
    std::vector<double> rho_;
    double gamma_ = 1;                       // the initial inverse Hessian's scale, from the newest pair
    std::size_t pairs_ = 0, newest_ = 0;
    // The evaluation under way.
    std::size_t next_row_ = 0;
    double loss_ = 0, weight_ = 0;
    bool first_ = true;  // evaluating the start point
    int backtracks_ = 0, iterations_ = 0, evaluations_ = 0;
    int stalls_ = 0;  // accepted steps in a row that did not lower the objective
    bool done_ = false, converged_ = false;
};

}  // namespace tb::linear
