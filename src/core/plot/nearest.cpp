#include "core/plot/nearest.h"

#include <cmath>

namespace tb::plot {

std::optional<std::size_t> nearest_index(std::span<const Point> points, double x) {
    if (std::isnan(x)) return std::nullopt;
    const std::size_t at = first_at_or_after(points, x);
    std::optional<std::size_t> before, after;
    for (std::size_t i = at; i-- > 0;) {
        if (std::isfinite(points[i].y)) {
            before = i;
            break;
        }
    }
    for (std::size_t i = at; i < points.size(); ++i) {
        if (std::isfinite(points[i].y)) {
            after = i;
            break;
        }
    }
    if (!before) return after;
    if (!after) return before;
    // Earlier one on a tie. Among equal x, `before` is the last of its step and `after` the first.
    return x - points[*before].x <= points[*after].x - x ? before : after;
}

}  // namespace tb::plot
