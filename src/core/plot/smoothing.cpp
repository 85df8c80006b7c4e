#include "core/plot/smoothing.h"

#include <algorithm>
#include <cmath>

namespace tb::plot {

namespace {
bool constant(std::span<const Point> points) {
    return std::all_of(points.begin(), points.end(), [&](const Point& p) { return p.y == points.front().y; });
}
}  // namespace

void smooth_ema(std::span<const Point> points, double weight, std::vector<Point>& out) {
    out.assign(points.begin(), points.end());
    if (!(weight > 0) || points.empty() || constant(points)) return;
    weight = std::min(weight, 0.999);
    double last = 0;
    double weight_power = 1;  // weight^k, kept as a running product instead of a pow() per point
    for (Point& p : out) {
        if (!std::isfinite(p.y)) continue;
        last = last * weight + (1 - weight) * p.y;
        // Once weight^k is below rounding, the debias divisor is exactly 1: skip the division (after
        // some 80 points at 0.6, i.e. for nearly all of a long series).
        if (weight_power > 1e-17) {
            weight_power *= weight;
            p.y = last / (1 - weight_power);
        } else {
            p.y = last;
        }
    }
}

}  // namespace tb::plot
