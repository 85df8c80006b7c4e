#include "core/plot/series.h"

#include <algorithm>
#include <cmath>

namespace tb::plot {

namespace {
bool x_less(const Point& a, const Point& b) { return a.x < b.x; }
}  // namespace

void add_point(Series& series, Point point) {
    if (!std::isfinite(point.x)) return;
    std::vector<Point>& points = series.points;
    if (points.empty() || points.back().x <= point.x) {
        points.push_back(point);
        return;
    }
    // After every point with the same x, so repeated steps keep their arrival order.
    points.insert(std::upper_bound(points.begin(), points.end(), point, x_less), point);
}

void sort_points(Series& series) {
    std::vector<Point>& points = series.points;
    std::erase_if(points, [](const Point& p) { return !std::isfinite(p.x); });
    if (!is_sorted_by_x(points)) std::stable_sort(points.begin(), points.end(), x_less);
}

bool is_sorted_by_x(std::span<const Point> points) {
    return std::is_sorted(points.begin(), points.end(), x_less);
}

std::size_t first_at_or_after(std::span<const Point> points, double x) {
    const auto it = std::lower_bound(points.begin(), points.end(), x,
                                     [](const Point& p, double value) { return p.x < value; });
    return static_cast<std::size_t>(it - points.begin());
}

}  // namespace tb::plot
