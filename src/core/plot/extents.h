#pragma once

#include <cmath>
#include <span>

#include "core/plot/mapping.h"
#include "core/plot/series.h"

namespace tb::plot {

// The range of a series' points with a finite step and value: what fitting the view needs, and cheap
// to merge across series, so it can be kept per series and recomputed only when the series changes.
struct Extents {
    double x_min = INFINITY, x_max = -INFINITY;
    double y_min = INFINITY, y_max = -INFINITY;
    double y_min_positive = INFINITY;  // the smallest value > 0, where a log axis starts
    double x_min_positive = INFINITY;  // x range of the points with a value > 0: what a log axis shows
    double x_max_positive = -INFINITY;

    bool empty(bool log_y) const { return log_y ? !(x_min_positive <= x_max_positive) : !(x_min <= x_max); }
    void merge(const Extents& other);
};

Extents extents_of(std::span<const Point> points);  // O(n)

// How much room fitting leaves around the data, as fractions of the data's span (in axis space).
struct Padding {
    double x = 0.02;
    double y = 0.06;
    // The y range is never narrower than this fraction of the largest |value| on show, before padding.
    // A fit stretches whatever the data spans to the full height: a loss that moved from 1.7918 to
    // 1.7915 would be drawn as a steep descent. A tenth keeps any change worth reading (a loss falling
    // by 10 % of itself still fills the height) while a wobble in the fourth digit stays a flat line.
    double y_min_relative_span = 0.1;
};

// The window showing all of `data` (only values > 0 on a log axis), padded. No data fits to
// [0, 1] × [0, 1] (× [0.1, 1] on a log axis); a single step or a constant value gets a span around it
// instead of a zero-width one; a y range narrower than padding.y_min_relative_span of the values'
// magnitude is widened about its middle to that span (it then never crosses zero: data of one sign
// keeps an axis of that sign, so a log axis stays positive).
Window fit(const Extents& data, bool log_y, Padding padding = {});

}  // namespace tb::plot
