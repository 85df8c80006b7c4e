#include "core/eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/text/format.h"

namespace tb::eval {

namespace {

constexpr double kSignificance = 0.05;

double ratio(std::size_t numerator, std::size_t denominator) {
    return denominator ? static_cast<double>(numerator) / static_cast<double>(denominator) : 0.0;
}

std::string rows_phrase(std::size_t n) { return text::with_commas(n) + (n == 1 ? " row" : " rows"); }

}  // namespace

Interval wilson_interval(std::size_t successes, std::size_t trials, double z) {
    if (trials == 0) return {0, 1};
    const double n = static_cast<double>(trials);
    const double p = static_cast<double>(std::min(successes, trials)) / n;
    const double z2 = z * z;
    const double denominator = 1 + z2 / n;
    const double centre = (p + z2 / (2 * n)) / denominator;
    const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
    // At 0/n and n/n the bound is exactly 0 or 1 in theory; rounding can land a hair outside.
    Interval interval{std::clamp(centre - half, 0.0, 1.0), std::clamp(centre + half, 0.0, 1.0)};
    if (successes == 0) interval.low = 0;
    if (successes >= trials) interval.high = 1;
    return interval;
}

double mcnemar_exact_p(std::size_t a_only, std::size_t b_only) {
    const std::size_t n = a_only + b_only;
    const std::size_t k = std::min(a_only, b_only);
    // No disagreement, or the two counts within one of each other: the lower tail is then at least half of
    // all outcomes (exactly half for n odd), so doubling it reaches 1. Said here, not left to rounding.
    if (n == 0 || 2 * k + 1 >= n) return 1;
    // P(X ≤ k) = t_k · (1 + t_{k-1}/t_k + t_{k-2}/t_k + …), t_i = C(n, i) / 2^n. t_k comes from lgamma (the
    // terms themselves underflow past n ≈ 1,075); the rest of the sum relative to it is a product of ratios
    // i / (n - i + 1) < 1 below the mode, so it never overflows and stops once the terms stop mattering.
    const double nd = static_cast<double>(n);
    const double kd = static_cast<double>(k);
    const double log_tk = std::lgamma(nd + 1) - std::lgamma(kd + 1) - std::lgamma(nd - kd + 1) - nd * std::log(2.0);
    double relative_sum = 1, term = 1;
    for (std::size_t i = k; i > 0; --i) {
        term *= static_cast<double>(i) / static_cast<double>(n - i + 1);
        relative_sum += term;
        if (term < relative_sum * 1e-17) break;
    }
    const double p = 2 * std::exp(log_tk + std::log(relative_sum));
    return std::isfinite(p) ? std::min(1.0, p) : 1.0;
}

McNemar exact_mcnemar(const std::vector<bool>& a_correct, const std::vector<bool>& b_correct) {
    McNemar test;
    const std::size_t rows = std::min(a_correct.size(), b_correct.size());
    for (std::size_t i = 0; i < rows; ++i) {
        const bool a = a_correct[i], b = b_correct[i];
        if (a && b) {
            ++test.both_right;
        } else if (a) {
            ++test.a_only;
        } else if (b) {
            ++test.b_only;
        } else {
            ++test.both_wrong;
        }
    }
    test.p_value = mcnemar_exact_p(test.a_only, test.b_only);
    return test;
}

std::size_t Confusion::total() const {
    std::size_t sum = 0;
    for (const auto& row : counts) {
        for (std::size_t count : row) sum += count;
    }
    return sum;
}

std::size_t Confusion::correct() const {
    std::size_t sum = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (i < counts[i].size()) sum += counts[i][i];
    }
    return sum;
}

std::size_t Confusion::invalid() const {
    std::size_t sum = 0;
    for (const auto& row : counts) {
        if (row.size() > classes.size()) sum += row[classes.size()];
    }
    return sum;
}

Confusion confusion(const std::vector<std::string>& classes, const std::vector<int>& truth,
                    const std::vector<int>& predicted) {
    Confusion out;
    out.classes = classes;
    const std::size_t k = classes.size();
    out.counts.assign(k, std::vector<std::size_t>(k + 1, 0));
    const std::size_t rows = std::min(truth.size(), predicted.size());
    for (std::size_t i = 0; i < rows; ++i) {
        if (truth[i] < 0 || static_cast<std::size_t>(truth[i]) >= k) continue;
        const bool valid = predicted[i] >= 0 && static_cast<std::size_t>(predicted[i]) < k;
        const std::size_t column = valid ? static_cast<std::size_t>(predicted[i]) : k;
        ++out.counts[static_cast<std::size_t>(truth[i])][column];
    }
    return out;
}

std::vector<ClassScores> per_class_scores(const Confusion& confusion) {
    const std::size_t k = confusion.classes.size();
    std::vector<ClassScores> scores(k);
    for (std::size_t i = 0; i < k; ++i) scores[i].label = confusion.classes[i];
    for (std::size_t t = 0; t < k && t < confusion.counts.size(); ++t) {
        const auto& row = confusion.counts[t];
        for (std::size_t p = 0; p < row.size(); ++p) {
            scores[t].support += row[p];
            if (p < k) scores[p].predicted += row[p];  // the invalid column is nobody's prediction
        }
        if (t < row.size()) scores[t].true_positive = row[t];
    }
    for (ClassScores& s : scores) {
        s.precision = ratio(s.true_positive, s.predicted);
        s.recall = ratio(s.true_positive, s.support);
        // 2·TP / (2·TP + FP + FN) is the harmonic mean of precision and recall without its 0/0 cases.
        s.f1 = ratio(2 * s.true_positive, s.support + s.predicted);
    }
    return scores;
}

double macro_f1(const std::vector<ClassScores>& scores) {
    double sum = 0;
    std::size_t counted = 0;
    for (const ClassScores& s : scores) {
        if (s.support == 0 && s.predicted == 0) continue;
        sum += s.f1;
        ++counted;
    }
    return counted ? sum / static_cast<double>(counted) : 0.0;
}

MeanSd mean_sd(const std::vector<double>& values) {
    MeanSd out;
    out.n = values.size();
    if (values.empty()) return out;
    double sum = 0;
    for (double v : values) sum += v;
    out.mean = sum / static_cast<double>(out.n);
    if (out.n < 2) return out;
    // Two passes: summing squares of deviations, not squares of values, keeps close values exact.
    double squares = 0;
    for (double v : values) squares += (v - out.mean) * (v - out.mean);
    out.sd = std::sqrt(squares / static_cast<double>(out.n - 1));
    return out;
}

std::string format_p_value(double p) {
    if (std::isnan(p)) return "unknown";
    if (p < 0.001) return "< 0.001";
    char text[32];
    std::snprintf(text, sizeof text, "%.2g", std::min(p, 1.0));
    // 0.0496 would show as 0.05 beside "significant"; one more digit keeps the two from contradicting.
    if (p < kSignificance && std::string(text) == "0.05") std::snprintf(text, sizeof text, "%.3g", p);
    return text;
}

std::string mcnemar_sentence(const std::string& a, double a_accuracy, const std::string& b, double b_accuracy,
                             std::size_t rows, const McNemar& test) {
    if (rows == 0) return "No rows were answered by both " + a + " and " + b + " yet, so there is nothing to compare.";
    char a_text[32], b_text[32];
    std::snprintf(a_text, sizeof a_text, "%.2f", a_accuracy);
    std::snprintf(b_text, sizeof b_text, "%.2f", b_accuracy);
    const std::string p_text = format_p_value(test.p_value);
    const std::string p_part = p_text.front() == '<' ? "p " + p_text : "p = " + p_text;
    std::string s = "With " + rows_phrase(rows) + ", ";
    if (test.p_value < kSignificance && test.a_only != test.b_only) {
        const bool a_better = test.a_only > test.b_only;
        s += a_better ? a + " (" + a_text + ") is significantly better than " + b + " (" + b_text + ")"
                      : b + " (" + b_text + ") is significantly better than " + a + " (" + a_text + ")";
    } else {
        s += a + " (" + a_text + ") vs " + b + " (" + b_text + ") is not a significant difference";
    }
    s += " at the 5 % level (exact McNemar " + p_part + "; " + rows_phrase(test.a_only) + " only " + a +
         " got right, " + text::with_commas(test.b_only) + " only " + b + ").";
    return s;
}

}  // namespace tb::eval
