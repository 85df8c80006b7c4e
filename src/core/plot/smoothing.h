#pragma once

#include <span>
#include <vector>

#include "core/plot/series.h"

namespace tb::plot {

// TensorBoard's smoothing, so curves read the same as there: an exponential moving average over the
// points in order, debiased so the start is not dragged towards zero,
//     last_i = weight·last_(i-1) + (1 − weight)·y_i,   last_0 = 0
//     smoothed_i = last_i / (1 − weight^k)             (k: finite values so far)
// Non-finite values pass through unsmoothed and do not disturb the average; a constant series is
// returned as is (the division would otherwise add rounding noise to a flat line). `weight` is clamped
// to [0, 0.999]; 0 returns the series unchanged. `out` is replaced (its capacity reused).
void smooth_ema(std::span<const Point> points, double weight, std::vector<Point>& out);

}  // namespace tb::plot
