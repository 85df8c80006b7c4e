#include "core/linear/softmax_regression.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tb::linear {

namespace {

constexpr double kArmijo = 1e-4;       // sufficient decrease
constexpr int kMaxBacktracks = 40;
// Relative decrease of the objective below which an accepted step counts as no progress (scipy's
// L-BFGS-B, which scikit-learn calls, stops at 64 machine epsilons; we stop a little earlier).
constexpr double kNoProgress = 1e-13;

double max_abs(std::span<const double> values) {
    double out = 0;
    for (const double v : values) out = std::max(out, std::abs(v));
    return out;
}

double dot(std::span<const double> a, std::span<const double> b) {
    double out = 0;
    for (std::size_t i = 0; i < a.size(); ++i) out += a[i] * b[i];
    return out;
}

// Softmax in place over `scores`; returns log Σ exp(scores) (before the change).
double softmax_in_place(std::span<double> scores) {
    const double top = *std::max_element(scores.begin(), scores.end());
    double sum = 0;
    for (double& s : scores) {
        s = std::exp(s - top);
        sum += s;
    }
    for (double& s : scores) s /= sum;
    return top + std::log(sum);
}

// The final scaling: the weighted mean loss plus the penalty, and their gradient.
double scale_and_penalise(const Problem& problem, std::span<const double> parameters, double loss, double weight,
                          std::span<double> gradient) {
    const double penalty = 1.0 / (problem.strength * weight);
    const std::size_t weights = problem.rows->width * static_cast<std::size_t>(problem.classes);
    double squares = 0;
    for (std::size_t i = 0; i < gradient.size(); ++i) {
        gradient[i] /= weight;
        if (i < weights) {
            gradient[i] += penalty * parameters[i];
            squares += parameters[i] * parameters[i];
        }
    }
    return loss / weight + 0.5 * penalty * squares;
}

}  // namespace

template <typename Weight>
void probabilities(std::span<const std::int32_t> columns, std::span<const float> values, std::span<const Weight> weights,
                   std::span<const Weight> bias, std::span<double> out) {
    const std::size_t k = bias.size();
    for (std::size_t c = 0; c < k; ++c) out[c] = static_cast<double>(bias[c]);
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const Weight* w = weights.data() + static_cast<std::size_t>(columns[j]) * k;
        const double v = values[j];
        for (std::size_t c = 0; c < k; ++c) out[c] += v * static_cast<double>(w[c]);
    }
    softmax_in_place(out.first(k));
}

template void probabilities<float>(std::span<const std::int32_t>, std::span<const float>, std::span<const float>,
                                   std::span<const float>, std::span<double>);
template void probabilities<double>(std::span<const std::int32_t>, std::span<const float>, std::span<const double>,
                                    std::span<const double>, std::span<double>);

double add_rows(const Problem& problem, std::span<const double> parameters, std::size_t begin, std::size_t end,
                double& loss, std::span<double> gradient, std::vector<double>& scores) {
    const auto k = static_cast<std::size_t>(problem.classes);
    const std::size_t width = problem.rows->width;
    scores.resize(k);
    double weight = 0;
    for (std::size_t i = begin; i < end; ++i) {
        const auto columns = problem.rows->columns_of(i);
        const auto values = problem.rows->values_of(i);
        const double s = problem.row_weights[i];
        const auto label = static_cast<std::size_t>(problem.labels[i]);
        for (std::size_t c = 0; c < k; ++c) scores[c] = parameters[width * k + c];
        for (std::size_t j = 0; j < columns.size(); ++j) {
            const double* w = parameters.data() + static_cast<std::size_t>(columns[j]) * k;
            const double v = values[j];
            for (std::size_t c = 0; c < k; ++c) scores[c] += v * w[c];
        }
        // −log p(y) = log Σ exp(z) − z_y, exact even where p(y) underflows.
        const double z_label = scores[label];
        loss += s * (softmax_in_place(scores) - z_label);
        scores[label] -= 1;
        for (std::size_t c = 0; c < k; ++c) scores[c] *= s;  // the residual s (p − y)
        for (std::size_t c = 0; c < k; ++c) gradient[width * k + c] += scores[c];
        for (std::size_t j = 0; j < columns.size(); ++j) {
            double* g = gradient.data() + static_cast<std::size_t>(columns[j]) * k;
            const double v = values[j];
            for (std::size_t c = 0; c < k; ++c) g[c] += v * scores[c];
        }
        weight += s;
    }
    return weight;
}

double objective(const Problem& problem, std::span<const double> parameters, std::span<double> gradient) {
    std::fill(gradient.begin(), gradient.end(), 0.0);
    std::vector<double> scores;
    double loss = 0;
    const double weight = add_rows(problem, parameters, 0, problem.rows->size(), loss, gradient, scores);
    return scale_and_penalise(problem, parameters, loss, weight, gradient);
}

SoftmaxSolver::SoftmaxSolver(Problem problem, SolverSettings settings, std::vector<double> start)
    : problem_(problem), settings_(settings) {
    problem_.strength = settings.strength;
    const std::size_t n = problem_.parameter_count();
    x_ = start.size() == n ? std::move(start) : std::vector<double>(n, 0.0);
    g_.assign(n, 0.0);
    trial_ = x_;
    trial_g_.assign(n, 0.0);
    direction_.assign(n, 0.0);
    const auto memory = static_cast<std::size_t>(std::max(1, settings_.memory));
    s_.resize(memory);
    y_.resize(memory);
    rho_.assign(memory, 0.0);
    if (problem_.rows->size() == 0) done_ = true;
}

std::size_t SoftmaxSolver::step(std::size_t work) {
    if (done_) return 0;
    const std::size_t rows = problem_.rows->size();
    const std::size_t end = std::min(rows, next_row_ + std::max<std::size_t>(work, 1));
    const std::size_t did = end - next_row_;
    weight_ += add_rows(problem_, trial_, next_row_, end, loss_, trial_g_, scores_);
    next_row_ = end;
    if (next_row_ == rows) finish_evaluation();
    return did;
}

void SoftmaxSolver::finish_evaluation() {
    ++evaluations_;
    const double f_trial = scale_and_penalise(problem_, trial_, loss_, weight_, trial_g_);
    next_row_ = 0;
    loss_ = weight_ = 0;
    if (first_) {
        first_ = false;
        x_ = trial_;
        g_ = trial_g_;
        f_ = f_trial;
        gradient_max_ = max_abs(g_);
        if (gradient_max_ <= settings_.tolerance) {
            converged_ = done_ = true;
            return;
        }
        next_direction();
        return;
    }
    if (std::isfinite(f_trial) && f_trial <= f_ + kArmijo * step_length_ * slope_) {
        accept(f_trial);
        return;
    }
    // Backtrack: the minimiser of the quadratic through f(0), f'(0) and f(step), kept within
    // [0.1, 0.5] of the step so a bad fit neither stalls nor barely moves.
    if (++backtracks_ > kMaxBacktracks) {
        done_ = true;  // no decrease along this direction at machine precision: as good as it gets
        return;
    }
    double next = 0.5 * step_length_;
    if (std::isfinite(f_trial)) {
        const double curvature = f_trial - f_ - slope_ * step_length_;
        if (curvature > 0) next = -slope_ * step_length_ * step_length_ / (2 * curvature);
    }
    start_trial(std::clamp(next, 0.1 * step_length_, 0.5 * step_length_));
}

void SoftmaxSolver::accept(double f_trial) {
    ++iterations_;
    const std::size_t n = x_.size();
    // The correction pair: s = x_new − x, y = g_new − g (as the floats kept), used only when the
    // curvature s · y is positive; computed before writing so a bad pair never replaces a good one.
    const auto as_float = [](double v) { return static_cast<double>(static_cast<float>(v)); };
    double sy = 0;
    for (std::size_t i = 0; i < n; ++i) sy += as_float(trial_[i] - x_[i]) * as_float(trial_g_[i] - g_[i]);
    const bool keep = sy > 1e-12;
    if (keep) {
        const std::size_t slot = pairs_ < s_.size() ? pairs_ : (newest_ + 1) % s_.size();
        s_[slot].resize(n);
        y_[slot].resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            s_[slot][i] = static_cast<float>(trial_[i] - x_[i]);
            y_[slot][i] = static_cast<float>(trial_g_[i] - g_[i]);
        }
        rho_[slot] = 1.0 / sy;
        newest_ = slot;
        if (pairs_ < s_.size()) ++pairs_;
    }
    const double previous = f_;
    std::swap(x_, trial_);
    std::swap(g_, trial_g_);
    f_ = f_trial;
    gradient_max_ = max_abs(g_);
    if (gradient_max_ <= settings_.tolerance) {
        converged_ = done_ = true;
        return;
    }
    if (iterations_ >= settings_.max_iterations ||
        previous - f_ <= kNoProgress * std::max({std::abs(previous), std::abs(f_), 1.0})) {
        done_ = true;
        return;
    }
    next_direction();
}

void SoftmaxSolver::next_direction() {
    // Two-loop recursion over the pairs, newest first, then oldest first.
    const std::size_t n = x_.size(), m = s_.size();
    std::vector<double>& q = direction_;
    for (std::size_t i = 0; i < n; ++i) q[i] = -g_[i];
    std::vector<double> alpha(pairs_);
    for (std::size_t t = 0; t < pairs_; ++t) {
        const std::size_t slot = (newest_ + m - t) % m;
        double a = 0;
        for (std::size_t i = 0; i < n; ++i) a += static_cast<double>(s_[slot][i]) * q[i];
        a *= rho_[slot];
        alpha[t] = a;
        for (std::size_t i = 0; i < n; ++i) q[i] -= a * y_[slot][i];
    }
    double scale = 0;
    if (pairs_ > 0) {
        double yy = 0;
        for (const float v : y_[newest_]) yy += static_cast<double>(v) * v;
        scale = yy > 0 ? 1.0 / (rho_[newest_] * yy) : 1.0;
    } else {
        scale = 1.0 / std::max(1.0, std::sqrt(dot(g_, g_)));  // a first step of length at most 1
    }
    for (double& v : q) v *= scale;
    for (std::size_t t = pairs_; t-- > 0;) {
        const std::size_t slot = (newest_ + m - t) % m;
        double b = 0;
        for (std::size_t i = 0; i < n; ++i) b += static_cast<double>(y_[slot][i]) * q[i];
        b *= rho_[slot];
        for (std::size_t i = 0; i < n; ++i) q[i] += (alpha[t] - b) * s_[slot][i];
    }
    slope_ = dot(g_, q);
    if (!(slope_ < 0)) {
        // Not a descent direction (float history gone stale): forget it and go down the gradient.
        pairs_ = 0;
        for (std::size_t i = 0; i < n; ++i) q[i] = -g_[i] / std::max(1.0, std::sqrt(dot(g_, g_)));
        slope_ = dot(g_, q);
    }
    backtracks_ = 0;
    start_trial(1.0);
}

void SoftmaxSolver::start_trial(double step_length) {
    step_length_ = step_length;
    for (std::size_t i = 0; i < x_.size(); ++i) trial_[i] = x_[i] + step_length * direction_[i];
    std::fill(trial_g_.begin(), trial_g_.end(), 0.0);
}

}  // namespace tb::linear
