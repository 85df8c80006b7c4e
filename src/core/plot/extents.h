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
};

// The window showing all of `data` (only values > 0 on a log axis), padded. No data fits to
// [0, 1] × [0, 1] (× [0.1, 1] on a log axis); a single step or a constant value gets a span around it
// instead of a zero-width one.
Window fit(const Extents& data, bool log_y, Padding padding = {});

}  // namespace tb::plot
