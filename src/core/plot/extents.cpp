#include "core/plot/extents.h"

#include <algorithm>

namespace tb::plot {

namespace {

// [lo, hi] widened by `fraction` of its span on each side; a zero span becomes one around the value.
void pad(double& lo, double& hi, double fraction) {
    const double span = hi - lo;
    if (!(span > 0)) {
        // A constant: a tenth of its size either side (one unit around zero).
        const double half = lo == 0 ? 1.0 : std::abs(lo) * 0.1;
        lo -= half;
        hi += half;
        return;
    }
    lo -= span * fraction;
    hi += span * fraction;
}

// [lo, hi] widened about its middle to at least `fraction` of its largest magnitude. Data of one sign
// that gets widened spans less than that fraction of its magnitude, so for a fraction below 2/3 the
// widened range keeps the sign.
void widen_to_relative_span(double& lo, double& hi, double fraction) {
    const double wanted = fraction * std::max(std::abs(lo), std::abs(hi));
    if (!(hi - lo < wanted)) return;
    const double middle = lo + (hi - lo) / 2;
    lo = middle - wanted / 2;
    hi = middle + wanted / 2;
}

}  // namespace

void Extents::merge(const Extents& other) {
    x_min = std::min(x_min, other.x_min);
    x_max = std::max(x_max, other.x_max);
    y_min = std::min(y_min, other.y_min);
    y_max = std::max(y_max, other.y_max);
    y_min_positive = std::min(y_min_positive, other.y_min_positive);
    x_min_positive = std::min(x_min_positive, other.x_min_positive);
    x_max_positive = std::max(x_max_positive, other.x_max_positive);
}

Extents extents_of(std::span<const Point> points) {
    Extents e;
    for (const Point& p : points) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
        e.x_min = std::min(e.x_min, p.x);
        e.x_max = std::max(e.x_max, p.x);
        e.y_min = std::min(e.y_min, p.y);
        e.y_max = std::max(e.y_max, p.y);
        if (p.y > 0) {
            e.y_min_positive = std::min(e.y_min_positive, p.y);
            e.x_min_positive = std::min(e.x_min_positive, p.x);
            e.x_max_positive = std::max(e.x_max_positive, p.x);
        }
    }
    return e;
}

Window fit(const Extents& data, bool log_y, Padding padding) {
    Window window;
    if (data.empty(log_y)) {
        window.y_min = log_y ? 0.1 : 0.0;
        return window;
    }
    double x_lo = log_y ? data.x_min_positive : data.x_min;
    double x_hi = log_y ? data.x_max_positive : data.x_max;
    // Widened in value space (its "10 % of the value" is what a person reads off the tick labels), then
    // padded in axis space, so a log axis pads by the same factor above and below.
    double y_lo_value = log_y ? data.y_min_positive : data.y_min;
    double y_hi_value = data.y_max;
    widen_to_relative_span(y_lo_value, y_hi_value, padding.y_min_relative_span);
    double y_lo = to_axis(y_lo_value, log_y);
    double y_hi = to_axis(y_hi_value, log_y);
    pad(x_lo, x_hi, padding.x);
    pad(y_lo, y_hi, padding.y);
    window.x_min = x_lo;
    window.x_max = x_hi;
    window.y_min = from_axis(y_lo, log_y);
    window.y_max = from_axis(y_hi, log_y);
    return window;
}

}  // namespace tb::plot
