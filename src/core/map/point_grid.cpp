#include "core/map/point_grid.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tb::map {

namespace {

constexpr double kPointsPerCell = 2;

bool finite(float x, float y) { return std::isfinite(x) && std::isfinite(y); }

}  // namespace

PointGrid::PointGrid(std::span<const float> xy) {
    const std::size_t n = xy.size() / 2;
    double low_x = std::numeric_limits<double>::infinity(), low_y = low_x, high_x = -low_x, high_y = -low_x;
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!finite(xy[2 * i], xy[2 * i + 1])) continue;
        low_x = std::min<double>(low_x, xy[2 * i]);
        high_x = std::max<double>(high_x, xy[2 * i]);
        low_y = std::min<double>(low_y, xy[2 * i + 1]);
        high_y = std::max<double>(high_y, xy[2 * i + 1]);
        ++count;
    }
    if (count == 0) return;
    // Square cells of about kPointsPerCell points on average, but never so small that a flat set (a line)
    // gets more than about count / kPointsPerCell cells along it: the cells number O(count) either way.
    const double width = high_x - low_x, height = high_y - low_y, points = static_cast<double>(count);
    cell_ = std::max(std::sqrt(width * height * kPointsPerCell / points), std::max(width, height) * kPointsPerCell / points);
    if (!(cell_ > 0)) cell_ = 1;  // every point equal
    x0_ = low_x;
    y0_ = low_y;
    columns_ = static_cast<std::size_t>(width / cell_) + 1;
    rows_ = static_cast<std::size_t>(height / cell_) + 1;

    std::vector<std::uint32_t> cell_of(n);
    cell_start_.assign(columns_ * rows_ + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (!finite(xy[2 * i], xy[2 * i + 1])) continue;
        cell_of[i] = static_cast<std::uint32_t>(row_of(xy[2 * i + 1]) * columns_ + column_of(xy[2 * i]));
        ++cell_start_[cell_of[i] + 1];
    }
    for (std::size_t c = 0; c + 1 < cell_start_.size(); ++c) cell_start_[c + 1] += cell_start_[c];
    xy_.resize(2 * count);
    index_.resize(count);
    // In increasing i, so each cell lists its points in ascending order.
    std::vector<std::uint32_t> next(cell_start_.begin(), cell_start_.end() - 1);
    for (std::size_t i = 0; i < n; ++i) {
        if (!finite(xy[2 * i], xy[2 * i + 1])) continue;
        const std::uint32_t at = next[cell_of[i]]++;
        xy_[2 * at] = xy[2 * i];
        xy_[2 * at + 1] = xy[2 * i + 1];
        index_[at] = static_cast<std::uint32_t>(i);
    }
}

std::size_t PointGrid::column_of(double x) const {
    const double c = (x - x0_) / cell_;
    if (!(c > 0)) return 0;
    return c >= static_cast<double>(columns_) ? columns_ - 1 : static_cast<std::size_t>(c);
}

std::size_t PointGrid::row_of(double y) const {
    const double r = (y - y0_) / cell_;
    if (!(r > 0)) return 0;
    return r >= static_cast<double>(rows_) ? rows_ - 1 : static_cast<std::size_t>(r);
}

std::optional<std::uint32_t> PointGrid::nearest(float x, float y, float max_distance) const {
    if (index_.empty() || !finite(x, y) || !(max_distance >= 0)) return std::nullopt;
    const double qx = x, qy = y;
    double best = static_cast<double>(max_distance) * max_distance;
    std::optional<std::uint32_t> found;
    const auto consider = [&](std::size_t from, std::size_t to) {
        for (std::size_t p = from; p < to; ++p) {
            const double dx = xy_[2 * p] - qx, dy = xy_[2 * p + 1] - qy;
            const double d2 = dx * dx + dy * dy;
            if (d2 < best || (d2 == best && (!found || index_[p] < *found))) {
                best = d2;
                found = index_[p];
            }
        }
    };
    const std::size_t cx = column_of(qx), cy = row_of(qy);
    const std::size_t rings = std::max({cx, columns_ - 1 - cx, cy, rows_ - 1 - cy});
    for (std::size_t r = 0; r <= rings; ++r) {
        // Ring r: the cells r columns or rows away (Chebyshev), those inside the grid.
        const std::size_t left = cx >= r ? cx - r : 0, right = std::min(cx + r, columns_ - 1);
        if (cy >= r) consider(first_in(cy - r, left), end_of(cy - r, right));
        if (r > 0 && cy + r < rows_) consider(first_in(cy + r, left), end_of(cy + r, right));
        if (r > 0) {
            const std::size_t top = std::min(cy + r - 1, rows_ - 1);
            for (std::size_t row = cy >= r - 1 ? cy - (r - 1) : 0; row <= top; ++row) {
                if (cx >= r) consider(first_in(row, cx - r), end_of(row, cx - r));
                if (cx + r < columns_) consider(first_in(row, cx + r), end_of(row, cx + r));
            }
        }
        if (r == 0) continue;
        // Every unread point lies outside the block of rings up to r, so (with a ring to spare for the
        // rounding of cell edges) at least as far as the edge of the block of rings up to r − 1.
        const std::size_t s = r - 1;
        double bound = std::numeric_limits<double>::infinity();
        if (cx > s) bound = std::min(bound, qx - (x0_ + static_cast<double>(cx - s) * cell_));
        if (cx + s + 1 < columns_) bound = std::min(bound, x0_ + static_cast<double>(cx + s + 1) * cell_ - qx);
        if (cy > s) bound = std::min(bound, qy - (y0_ + static_cast<double>(cy - s) * cell_));
        if (cy + s + 1 < rows_) bound = std::min(bound, y0_ + static_cast<double>(cy + s + 1) * cell_ - qy);
        if (bound > 0 && bound * bound > best) break;
    }
    return found;
}

std::vector<std::uint32_t> PointGrid::in_box(float x0, float y0, float x1, float y1) const {
    const float low_x = std::min(x0, x1), high_x = std::max(x0, x1), low_y = std::min(y0, y1), high_y = std::max(y0, y1);
    std::vector<std::uint32_t> out;
    if (index_.empty() || !(low_x <= high_x) || !(low_y <= high_y)) return out;
    const std::size_t left = column_of(low_x), right = column_of(high_x);
    for (std::size_t row = row_of(low_y), top = row_of(high_y); row <= top; ++row) {
        for (std::size_t p = first_in(row, left), end = end_of(row, right); p < end; ++p) {
            const float px = xy_[2 * p], py = xy_[2 * p + 1];
            if (px >= low_x && px <= high_x && py >= low_y && py <= high_y) out.push_back(index_[p]);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::uint32_t> PointGrid::in_polygon(std::span<const float> xy_polygon) const {
    std::vector<std::uint32_t> out;
    const std::size_t vertices = xy_polygon.size() / 2;
    if (index_.empty() || vertices < 3) return out;
    struct Edge {
        double xa, ya, xb, yb;
    };
    std::vector<Edge> edges;
    float low_x = xy_polygon[0], high_x = low_x, low_y = xy_polygon[1], high_y = low_y;
    for (std::size_t v = 0; v < vertices; ++v) {
        const std::size_t w = (v + 1) % vertices;
        if (!finite(xy_polygon[2 * v], xy_polygon[2 * v + 1])) return out;
        edges.push_back({xy_polygon[2 * v], xy_polygon[2 * v + 1], xy_polygon[2 * w], xy_polygon[2 * w + 1]});
        low_x = std::min(low_x, xy_polygon[2 * v]);
        high_x = std::max(high_x, xy_polygon[2 * v]);
        low_y = std::min(low_y, xy_polygon[2 * v + 1]);
        high_y = std::max(high_y, xy_polygon[2 * v + 1]);
    }
    const std::size_t left = column_of(low_x), right = column_of(high_x);
    std::vector<Edge> crossing;
    for (std::size_t row = row_of(low_y), top = row_of(high_y); row <= top; ++row) {
        // Only edges spanning some y of the row's points can cross their rays: those meeting the row's band
        // (widened by half a cell for the rounding of its edges).
        const double band_low = y0_ + (static_cast<double>(row) - 0.5) * cell_, band_high = y0_ + (static_cast<double>(row) + 1.5) * cell_;
        crossing.clear();
        for (const Edge& e : edges) {
            if (std::min(e.ya, e.yb) <= band_high && std::max(e.ya, e.yb) >= band_low) crossing.push_back(e);
        }
        for (std::size_t p = first_in(row, left), end = end_of(row, right); p < end; ++p) {
            const double px = xy_[2 * p], py = xy_[2 * p + 1];
            // Even-odd: count the edges crossed by the ray from the point towards +x.
            bool inside = false;
            for (const Edge& e : crossing) {
                if ((e.ya > py) != (e.yb > py) && px < (e.xb - e.xa) * (py - e.ya) / (e.yb - e.ya) + e.xa) inside = !inside;
            }
            if (inside) out.push_back(index_[p]);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace tb::map
