#include "core/plot/mapping.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tb::plot {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Below this relative span doubles can no longer tell neighbouring pixels apart.
constexpr double kMinRelativeSpan = 1e-12;

double safe_span(double span) { return (std::isfinite(span) && span > 0) ? span : 1.0; }

// Whether [lo, hi] is a window an axis can still show distinctly.
bool representable(double lo, double hi) {
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(hi > lo)) return false;
    const double magnitude = std::max(std::abs(lo), std::abs(hi));
    return hi - lo > magnitude * kMinRelativeSpan && std::isfinite(hi - lo);
}

// [lo, hi] scaled by `factor` about `anchor`, or unchanged if the result is not representable.
void scale_about(double& lo, double& hi, double anchor, double factor) {
    if (!std::isfinite(factor) || factor <= 0 || !std::isfinite(anchor)) return;
    const double new_lo = anchor - (anchor - lo) * factor;
    const double new_hi = anchor + (hi - anchor) * factor;
    if (representable(new_lo, new_hi)) {
        lo = new_lo;
        hi = new_hi;
    }
}

// Sets the window's y range from axis-space bounds, unless they do not map back to usable values.
void set_y(Window& window, bool log_y, double lo, double hi) {
    const double y_min = from_axis(lo, log_y);
    const double y_max = from_axis(hi, log_y);
    if (!std::isfinite(y_min) || !std::isfinite(y_max) || (log_y && !(y_min > 0))) return;
    window.y_min = y_min;
    window.y_max = y_max;
}

void shift(double& lo, double& hi, double by) {
    const double new_lo = lo + by;
    const double new_hi = hi + by;
    if (representable(new_lo, new_hi)) {
        lo = new_lo;
        hi = new_hi;
    }
}

}  // namespace

double to_axis(double value, bool log) {
    if (!log) return value;
    return value > 0 ? std::log10(value) : kNaN;
}

double from_axis(double coordinate, bool log) { return log ? std::pow(10.0, coordinate) : coordinate; }

bool usable(const Window& window, bool log_y) {
    if (!representable(window.x_min, window.x_max)) return false;
    if (log_y && !(window.y_min > 0)) return false;
    return representable(to_axis(window.y_min, log_y), to_axis(window.y_max, log_y));
}

Mapping::Mapping(const Window& window, bool log_y, const Rect& rect) : log_y_(log_y) {
    x_scale_ = safe_span(rect.x1 - rect.x0) / safe_span(window.x_max - window.x_min);
    x_offset_ = rect.x0 - window.x_min * x_scale_;
    double y_lo = to_axis(window.y_min, log_y);
    double y_hi = to_axis(window.y_max, log_y);
    if (!std::isfinite(y_lo) || !std::isfinite(y_hi)) y_lo = 0, y_hi = 1;
    // Larger values go up: the bottom edge (y1) shows y_lo.
    y_scale_ = -safe_span(rect.y1 - rect.y0) / safe_span(y_hi - y_lo);
    y_offset_ = rect.y0 + safe_span(rect.y1 - rect.y0) - y_lo * y_scale_;
}

double Mapping::py(double y) const { return y_offset_ + to_axis(y, log_y_) * y_scale_; }

double Mapping::y_at(double pixel_y) const { return from_axis((pixel_y - y_offset_) / y_scale_, log_y_); }

Window zoom(const Window& window, bool log_y, const Rect& rect, double px, double py, double factor_x,
            double factor_y) {
    const Mapping mapping(window, log_y, rect);
    Window out = window;
    scale_about(out.x_min, out.x_max, mapping.x_at(px), factor_x);
    double y_lo = to_axis(window.y_min, log_y);
    double y_hi = to_axis(window.y_max, log_y);
    scale_about(y_lo, y_hi, to_axis(mapping.y_at(py), log_y), factor_y);
    set_y(out, log_y, y_lo, y_hi);
    return out;
}

Window pan(const Window& window, bool log_y, const Rect& rect, double dx, double dy) {
    const Mapping mapping(window, log_y, rect);
    Window out = window;
    // Content moving right by dx means the window moving left by dx pixels' worth of data.
    shift(out.x_min, out.x_max, mapping.x_at(rect.x0) - mapping.x_at(rect.x0 + dx));
    double y_lo = to_axis(window.y_min, log_y);
    double y_hi = to_axis(window.y_max, log_y);
    shift(y_lo, y_hi, to_axis(mapping.y_at(rect.y0), log_y) - to_axis(mapping.y_at(rect.y0 + dy), log_y));
    set_y(out, log_y, y_lo, y_hi);
    return out;
}

}  // namespace tb::plot
