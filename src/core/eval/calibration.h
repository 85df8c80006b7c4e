#pragma once

#include <span>
#include <vector>

namespace tb::eval {

// Temperature scaling (Guo et al., "On Calibration of Modern Neural Networks", 2017): a classifier's
// probabilities p are replaced by p^β / Σ p^β — the softmax of its scores times β — with the one β
// that best predicts rows it was not trained on (the least log-loss on the validation rows). The
// labels it picks are unchanged; its probabilities then say how often it is right. A regularised
// model's probabilities are flat (the in-browser model's top one had a median of 0.28 where it was right
// 72 % of the time), so β is usually above 1.

// The β that minimises the log-loss of `labels` (into each row's probabilities) on `probabilities`;
// 1 when there are no rows. Searched over [kMinBeta, kMaxBeta], where the loss is convex in β.
inline constexpr double kMinBeta = 0.05, kMaxBeta = 50;
double fit_beta(const std::vector<std::vector<double>>& probabilities, const std::vector<int>& labels);

// `p` raised to β and normalised again, in place.
void sharpen(std::span<double> p, double beta);

}  // namespace tb::eval
