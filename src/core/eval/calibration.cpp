#include "core/eval/calibration.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tb::eval {

namespace {

// Below this a probability counts as this: a zero has no logarithm.
constexpr double kFloor = 1e-12;

// Mean log-loss of the rows' labels with their probabilities raised to `beta`, worked out on logs
// (log-sum-exp) so that a large β neither overflows nor rounds every other class to nothing.
double log_loss(const std::vector<std::vector<double>>& probabilities, const std::vector<int>& labels, double beta) {
    double total = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const std::vector<double>& p = probabilities[i];
        double top = -std::numeric_limits<double>::infinity();
        for (double q : p) top = std::max(top, beta * std::log(std::max(q, kFloor)));
        double sum = 0;
        for (double q : p) sum += std::exp(beta * std::log(std::max(q, kFloor)) - top);
        const double own = beta * std::log(std::max(p[static_cast<std::size_t>(labels[i])], kFloor));
        total += top + std::log(sum) - own;
    }
    return total / static_cast<double>(labels.size());
}

}  // namespace

double fit_beta(const std::vector<std::vector<double>>& probabilities, const std::vector<int>& labels) {
    std::vector<std::vector<double>> rows;
    std::vector<int> truth;
    for (std::size_t i = 0; i < labels.size() && i < probabilities.size(); ++i) {
        if (labels[i] < 0 || static_cast<std::size_t>(labels[i]) >= probabilities[i].size()) continue;  // no such class
        rows.push_back(probabilities[i]);
        truth.push_back(labels[i]);
    }
    if (truth.empty()) return 1;
    // Golden-section search on log β (the loss is convex in β, so unimodal in log β too) to a relative
    // precision far finer than the probabilities are written with.
    const double ratio = (std::sqrt(5.0) - 1) / 2;
    double a = std::log(kMinBeta), b = std::log(kMaxBeta);
    double c = b - ratio * (b - a), d = a + ratio * (b - a);
    double fc = log_loss(rows, truth, std::exp(c)), fd = log_loss(rows, truth, std::exp(d));
    while (b - a > 1e-6) {
        if (fc < fd) {
            b = d;
            d = c;
            fd = fc;
            c = b - ratio * (b - a);
            fc = log_loss(rows, truth, std::exp(c));
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + ratio * (b - a);
            fd = log_loss(rows, truth, std::exp(d));
        }
    }
    return std::exp((a + b) / 2);
}

void sharpen(std::span<double> p, double beta) {
    if (p.empty()) return;
    double top = -std::numeric_limits<double>::infinity();
    for (double q : p) top = std::max(top, beta * std::log(std::max(q, kFloor)));
    double sum = 0;
    for (double& q : p) {
        q = std::exp(beta * std::log(std::max(q, kFloor)) - top);
        sum += q;
    }
    for (double& q : p) q /= sum;
}

}  // namespace tb::eval
