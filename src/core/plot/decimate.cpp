#include "core/plot/decimate.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace tb::plot {

namespace {

// The chosen points of one column, as indices into the input; the extremes' values are kept too, so
// the hot loop compares against registers rather than reloading points.
struct Column {
    std::size_t first = 0, last = 0, min = 0, max = 0;
    double min_y = 0, max_y = 0;
    bool empty = true;

    void start(std::size_t i, double y) {
        first = last = min = max = i;
        min_y = max_y = y;
        empty = false;
    }

    // Emits the distinct chosen points in input order, so the polyline never runs backwards in x.
    void flush(std::span<const Point> points, std::vector<Point>& out) {
        if (empty) return;
        std::array<std::size_t, 4> chosen = {first, min, max, last};
        std::sort(chosen.begin(), chosen.end());
        for (std::size_t k = 0; k < chosen.size(); ++k) {
            if (k == 0 || chosen[k] != chosen[k - 1]) out.push_back(points[chosen[k]]);
        }
        empty = true;
    }
};

}  // namespace

std::size_t decimate(std::span<const Point> points, double x_min, double x_max, int columns,
                     std::vector<Point>& out) {
    out.clear();
    if (points.empty() || !std::isfinite(x_min) || !std::isfinite(x_max) || x_max < x_min) return 0;
    columns = std::max(columns, 1);
    const double span = x_max - x_min;
    // A zero-width window is one column.
    const double per_x = span > 0 ? static_cast<double>(columns) / span : 0.0;

    const std::size_t begin = first_at_or_after(points, x_min);
    // One past the last point with x <= x_max.
    const std::size_t end = static_cast<std::size_t>(
        std::upper_bound(points.begin() + static_cast<std::ptrdiff_t>(begin), points.end(), x_max,
                         [](double value, const Point& p) { return value < p.x; }) -
        points.begin());
    // The nearest finite point before the window.
    for (std::size_t i = begin; i-- > 0;) {
        if (std::isfinite(points[i].y)) {
            out.push_back(points[i]);
            break;
        }
    }

    // Column by column: the index formula once per column, then a tight loop up to the column's end
    // in x, which is what keeps 100,000 points well under a millisecond.
    Column column;
    const long last_column = columns - 1;
    for (std::size_t i = begin; i < end;) {
        const double first_y = points[i].y;
        if (!std::isfinite(first_y)) {
            ++i;
            continue;
        }
        const long c = std::min(static_cast<long>((points[i].x - x_min) * per_x), last_column);
        const double column_end = c == last_column ? INFINITY : x_min + static_cast<double>(c + 1) / per_x;
        column.start(i, first_y);
        for (++i; i < end && points[i].x < column_end; ++i) {
            const double y = points[i].y;
            if (!std::isfinite(y)) continue;
            column.last = i;
            if (y < column.min_y) {
                column.min_y = y;
                column.min = i;
            }
            if (y > column.max_y) {
                column.max_y = y;
                column.max = i;
            }
        }
        column.flush(points, out);
    }

    // The nearest finite point after the window.
    for (std::size_t i = end; i < points.size(); ++i) {
        if (std::isfinite(points[i].y)) {
            out.push_back(points[i]);
            break;
        }
    }
    return end - begin;
}

}  // namespace tb::plot
