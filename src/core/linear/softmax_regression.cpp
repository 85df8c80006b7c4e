#include "core/linear/softmax_regression.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/train/portable_math.h"

namespace tb::linear {

namespace {

constexpr double kArmijo = 1e-4;       // sufficient decrease
constexpr int kMaxBacktracks = 40;
// Relative decrease of the objective below which an accepted step counts as no progress: 64 machine
// epsilons, the ftol scikit-learn gives scipy's L-BFGS-B.
constexpr double kNoProgress = 64 * std::numeric_limits<double>::epsilon();

double max_abs(std::span<const double> values) {
    double out = 0;
    for (const double v : values) out = std::max(out, std::abs(v));
    return out;
}

// Σ term(i) over i < n in four interleaved partial sums (by i mod 4), added in a fixed order: the same
// on every platform, and four independent chains instead of one, which the compiler can keep in vector
// registers (a single chain waits on each addition before the next; these run over every weight).
template <typename Term>
double sum_of(std::size_t n, Term term) {
    double part[4] = {0, 0, 0, 0};
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        part[0] += term(i);
        part[1] += term(i + 1);
        part[2] += term(i + 2);
        part[3] += term(i + 3);
    }
    for (; i < n; ++i) part[i % 4] += term(i);
    return (part[0] + part[1]) + (part[2] + part[3]);
}

double dot(std::span<const double> a, std::span<const double> b) {
    return sum_of(a.size(), [&](std::size_t i) { return a[i] * b[i]; });
}

// One pass over q: update(i) changes q[i], then (with a `next` vector) Σ next[i] · q[i] is taken in the
// same pass and returned (else 0).
template <typename Update>
double pass(std::size_t n, Update update, const float* next, std::span<const double> q) {
    if (next == nullptr) {
        for (std::size_t i = 0; i < n; ++i) update(i);
        return 0;
    }
    return sum_of(n, [&](std::size_t i) {
        update(i);
        return static_cast<double>(next[i]) * q[i];
    });
}

// Softmax in place over `scores`; returns log Σ exp(scores) (before the change). exp and log are the
// portable ones (core/train/portable_math.h): the libm's differ in the last bit between the native and
// the WebAssembly builds, and the solver would then take other steps and stop elsewhere.
double softmax_in_place(std::span<double> scores) {
    const double top = *std::max_element(scores.begin(), scores.end());
    double sum = 0;
    for (double& s : scores) {
        s = train::portable_exp(s - top);
        sum += s;
    }
    for (double& s : scores) s /= sum;
    return top + train::portable_log(sum);
}

// The Hessian's diagonal at one row with class probabilities `p`: s · x_j² · p_c (1 − p_c) for each
// weight, s · p_c (1 − p_c) for each bias.
void add_curvature(std::span<const std::int32_t> columns, std::span<const float> values, Standardising standardising,
                   double s, std::span<const double> p, std::size_t width, std::span<double> curvature) {
    const std::size_t k = p.size();
    for (std::size_t c = 0; c < k; ++c) curvature[width * k + c] += s * p[c] * (1 - p[c]);
    for_each_value(columns, values, [&](std::size_t column, float value) {
        double* h = curvature.data() + column * k;
        const double vv = s * static_cast<double>(value) * value;
        for (std::size_t c = 0; c < k; ++c) h[c] += vv * p[c] * (1 - p[c]);
    }, standardising);
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
                   std::span<const Weight> bias, std::span<double> out, Standardising standardising) {
    const std::size_t k = bias.size();
    for (std::size_t c = 0; c < k; ++c) out[c] = static_cast<double>(bias[c]);
    for_each_value(columns, values, [&](std::size_t column, float value) {
        const Weight* w = weights.data() + column * k;
        const double v = value;
        for (std::size_t c = 0; c < k; ++c) out[c] += v * static_cast<double>(w[c]);
    }, standardising);
    softmax_in_place(out.first(k));
}

template void probabilities<float>(std::span<const std::int32_t>, std::span<const float>, std::span<const float>,
                                   std::span<const float>, std::span<double>, Standardising);
template void probabilities<double>(std::span<const std::int32_t>, std::span<const float>, std::span<const double>,
                                    std::span<const double>, std::span<double>, Standardising);

namespace {

// Two doubles as one vector (GCC's and Clang's vector extension): SSE2 natively, SIMD128 in
// WebAssembly. Lane by lane the same multiplications and additions as scalar code, so results agree.
using Pair = double __attribute__((vector_size(16)));

Pair load_pair(const double* from) {
    Pair out;
    std::memcpy(&out, from, sizeof out);
    return out;
}

void store_pair(double* to, Pair value) { std::memcpy(to, &value, sizeof value); }

// to[c] += v · from[c] for the classes c: K of them (0: k, known only at run time), two at a time.
template <std::size_t K>
void add_scaled(double* __restrict to, const double* __restrict from, double v, std::size_t k) {
    if constexpr (K == 0) {
        for (std::size_t c = 0; c < k; ++c) to[c] += v * from[c];
    } else {
        const Pair vv = {v, v};
        for (std::size_t c = 0; c + 1 < K; c += 2) store_pair(to + c, load_pair(to + c) + vv * load_pair(from + c));
        if constexpr (K % 2 == 1) to[K - 1] += v * from[K - 1];
    }
}

// add_rows for `K` classes (0: problem.classes, known only at run time). A fixed K lets the compiler keep
// a row's scores in registers and unroll the loops over classes into vector operations; the arithmetic,
// and its order, is the same for every K.
template <std::size_t K>
double add_rows_of(const Problem& problem, std::span<const double> parameters, std::size_t begin, std::size_t end,
                   double& loss, std::span<double> gradient, std::vector<double>& scores, std::span<double> curvature) {
    const std::size_t k = K != 0 ? K : static_cast<std::size_t>(problem.classes);
    const std::size_t width = problem.rows->width;
    scores.resize(k);
    // The row's scores: a local array when K is fixed, which nothing else can point into, so they stay
    // in registers through the row's loops.
    double local[K != 0 ? K : 1];
    double* z = K != 0 ? local : scores.data();
    const double* w = parameters.data();
    double* g = gradient.data();
    const double* bias = w + width * k;
    double* bias_gradient = g + width * k;
    double weight = 0;
    for (std::size_t i = begin; i < end; ++i) {
        const auto columns = problem.rows->columns_of(problem.row(i));
        const auto values = problem.rows->values_of(problem.row(i));
        const double s = problem.row_weights[i];
        const auto label = static_cast<std::size_t>(problem.labels[i]);
        for (std::size_t c = 0; c < k; ++c) z[c] = bias[c];
        for_each_value(
            columns, values, [&](std::size_t column, float value) { add_scaled<K>(z, w + column * k, value, k); },
            problem.standardising);
        // −log p(y) = log Σ exp(z) − z_y, exact even where p(y) underflows.
        const double z_label = z[label];
        loss += s * (softmax_in_place(std::span<double>(z, k)) - z_label);
        if (!curvature.empty()) {
            add_curvature(columns, values, problem.standardising, s, std::span<const double>(z, k), width, curvature);
        }
        z[label] -= 1;
        for (std::size_t c = 0; c < k; ++c) z[c] *= s;  // the residual s (p − y)
        for (std::size_t c = 0; c < k; ++c) bias_gradient[c] += z[c];
        for_each_value(
            columns, values, [&](std::size_t column, float value) { add_scaled<K>(g + column * k, z, value, k); },
            problem.standardising);
        weight += s;
    }
    return weight;
}

}  // namespace

double add_rows(const Problem& problem, std::span<const double> parameters, std::size_t begin, std::size_t end,
                double& loss, std::span<double> gradient, std::vector<double>& scores, std::span<double> curvature) {
    switch (problem.classes) {
    case 2: return add_rows_of<2>(problem, parameters, begin, end, loss, gradient, scores, curvature);
    case 3: return add_rows_of<3>(problem, parameters, begin, end, loss, gradient, scores, curvature);
    case 4: return add_rows_of<4>(problem, parameters, begin, end, loss, gradient, scores, curvature);
    case 5: return add_rows_of<5>(problem, parameters, begin, end, loss, gradient, scores, curvature);
    case 6: return add_rows_of<6>(problem, parameters, begin, end, loss, gradient, scores, curvature);
    case 7: return add_rows_of<7>(problem, parameters, begin, end, loss, gradient, scores, curvature);
    case 8: return add_rows_of<8>(problem, parameters, begin, end, loss, gradient, scores, curvature);
    default: return add_rows_of<0>(problem, parameters, begin, end, loss, gradient, scores, curvature);
    }
}

double objective(const Problem& problem, std::span<const double> parameters, std::span<double> gradient) {
    std::fill(gradient.begin(), gradient.end(), 0.0);
    std::vector<double> scores;
    double loss = 0;
    const double weight = add_rows(problem, parameters, 0, problem.size(), loss, gradient, scores);
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
    diagonal_.assign(n, 0.0);
    const auto memory = static_cast<std::size_t>(std::max(1, settings_.memory));
    s_.resize(memory);
    y_.resize(memory);
    rho_.assign(memory, 0.0);
    if (problem_.size() == 0) done_ = true;
}

std::size_t SoftmaxSolver::step(std::size_t work) {
    if (done_) return 0;
    const std::size_t rows = problem_.size();
    const std::size_t end = std::min(rows, next_row_ + std::max<std::size_t>(work, 1));
    const std::size_t did = end - next_row_;
    weight_ += add_rows(problem_, trial_, next_row_, end, loss_, trial_g_, scores_,
                        first_ ? std::span<double>(diagonal_) : std::span<double>());
    next_row_ = end;
    if (next_row_ == rows) finish_evaluation();
    return did;
}

void SoftmaxSolver::finish_evaluation() {
    ++evaluations_;
    const double f_trial = scale_and_penalise(problem_, trial_, loss_, weight_, trial_g_);
    const double weight = weight_;
    next_row_ = 0;
    loss_ = weight_ = 0;
    if (first_) {
        first_ = false;
        x_ = trial_;
        g_ = trial_g_;
        f_ = f_trial;
        precondition(weight);
        if (at_minimum()) {
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
    const double sy = sum_of(n, [&](std::size_t i) { return as_float(trial_[i] - x_[i]) * as_float(trial_g_[i] - g_[i]); });
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
        // γ = s·y / y·D⁻¹·y, the scale of the next recursions' initial inverse Hessian γ·D⁻¹.
        const std::vector<float>& y = y_[slot];
        const double ydy = sum_of(n, [&](std::size_t i) { return static_cast<double>(y[i]) * y[i] * diagonal_[i]; });
        gamma_ = ydy > 0 ? sy / ydy : 1.0;
        newest_ = slot;
        if (pairs_ < s_.size()) ++pairs_;
    }
    const double previous = f_;
    std::swap(x_, trial_);
    std::swap(g_, trial_g_);
    f_ = f_trial;
    if (at_minimum()) {
        converged_ = done_ = true;
        return;
    }
    // No progress twice running: at machine precision, as good as it gets. (Once is not enough: near
    // the minimum a step that barely changes the objective can still cut the gradient tenfold.)
    const bool progress = previous - f_ > kNoProgress * std::max({std::abs(previous), std::abs(f_), 1.0});
    stalls_ = progress ? 0 : stalls_ + 1;
    if (iterations_ >= settings_.max_iterations || stalls_ >= 2) {
        done_ = true;
        return;
    }
    next_direction();
}

bool SoftmaxSolver::at_minimum() {
    gradient_max_ = max_abs(g_);
    if (gradient_max_ > settings_.tolerance) return false;
    if (settings_.step_tolerance <= 0) return true;
    double step = 0;
    for (std::size_t i = 0; i < g_.size(); ++i) step = std::max(step, std::abs(g_[i]) * diagonal_[i]);
    return step <= settings_.step_tolerance;
}

void SoftmaxSolver::precondition(double weight) {
    // The curvature summed in the first evaluation, scaled and penalised as the objective is, then
    // inverted: diagonal_ holds D⁻¹. The floor keeps a bias whose class the rows never show (p = 0)
    // finite.
    const double penalty = 1.0 / (problem_.strength * weight);
    const std::size_t weights = problem_.rows->width * static_cast<std::size_t>(problem_.classes);
    for (std::size_t i = 0; i < diagonal_.size(); ++i) {
        const double d = diagonal_[i] / weight + (i < weights ? penalty : 0.0);
        diagonal_[i] = 1.0 / std::max(d, 1e-12);
    }
}

void SoftmaxSolver::next_direction() {
    // Two-loop recursion over the pairs, newest first, then oldest first. Each pass over q finishes one
    // pair's update of it and takes the next pair's product with it, so q (as long as the weights) is
    // read once per pair rather than twice.
    const std::size_t n = x_.size(), m = s_.size();
    std::vector<double>& q = direction_;
    const auto slot_of = [&](std::size_t t) { return (newest_ + m - t) % m; };  // t-th newest pair
    const auto negate_gradient = [&](std::size_t i) { q[i] = -g_[i]; };
    // First loop: α_t = ρ_t s_t · q, then q −= α_t y_t.
    std::vector<double> alpha(pairs_);
    double product = pass(n, negate_gradient, pairs_ > 0 ? s_[slot_of(0)].data() : nullptr, q);
    for (std::size_t t = 0; t < pairs_; ++t) {
        const std::size_t slot = slot_of(t);
        alpha[t] = rho_[slot] * product;
        const float* y = y_[slot].data();
        const double a = alpha[t];
        product = pass(n, [&](std::size_t i) { q[i] -= a * y[i]; }, t + 1 < pairs_ ? s_[slot_of(t + 1)].data() : nullptr, q);
    }
    // The initial inverse Hessian γ·D⁻¹ (γ from the newest pair; without pairs yet, D⁻¹ alone: a Newton
    // step on the diagonal), then the second loop: β_t = ρ_t y_t · q, q += (α_t − β_t) s_t.
    const double scale = pairs_ > 0 ? gamma_ : 1.0;
    product = pass(n, [&](std::size_t i) { q[i] *= scale * diagonal_[i]; }, pairs_ > 0 ? y_[slot_of(pairs_ - 1)].data() : nullptr, q);
    for (std::size_t t = pairs_; t-- > 0;) {
        const std::size_t slot = slot_of(t);
        const double step = alpha[t] - rho_[slot] * product;
        const float* s = s_[slot].data();
        product = pass(n, [&](std::size_t i) { q[i] += step * s[i]; }, t > 0 ? y_[slot_of(t - 1)].data() : nullptr, q);
    }
    slope_ = dot(g_, q);
    if (!(slope_ < 0)) {
        // Not a descent direction (float history gone stale): forget it and go down the gradient.
        pairs_ = 0;
        for (std::size_t i = 0; i < n; ++i) q[i] = -g_[i] * diagonal_[i];
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
