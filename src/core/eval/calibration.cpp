#include "core/eval/calibration.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tb::eval {

namespace {

// Below this a probability counts as this: a zero has no logarithm.
constexpr double kFloor = 1e-12;

// β · log p for each class, and their log-sum-exp (the log of Σ p^β), each logarithm taken once; worked
// out on logs so that a large β neither overflows nor rounds every other class to nothing.
double scaled_logs(std::span<const double> p, double beta, std::vector<double>& logs) {
    logs.resize(p.size());
    double top = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < p.size(); ++k) {
        logs[k] = beta * std::log(std::max(p[k], kFloor));
        top = std::max(top, logs[k]);
    }
    double sum = 0;
    for (double l : logs) sum += std::exp(l - top);
    return top + std::log(sum);
}

// Mean log-loss of the rows' labels with their probabilities raised to `beta`.
double log_loss(const std::vector<std::vector<double>>& probabilities, const std::vector<int>& labels, double beta) {
    std::vector<double> logs;
    double total = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        total += scaled_logs(probabilities[i], beta, logs) - logs[static_cast<std::size_t>(labels[i])];
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

// In place, as scaled_logs works it out, with no allocation: it runs for every row of a file being labelled.
void sharpen(std::span<double> p, double beta) {
    double top = -std::numeric_limits<double>::infinity();
    for (double& v : p) {
        v = beta * std::log(std::max(v, kFloor));
        top = std::max(top, v);
    }
    double sum = 0;
    for (double& v : p) {
        v = std::exp(v - top);
        sum += v;
    }
    for (double& v : p) v /= sum;
}

}  // namespace tb::eval
