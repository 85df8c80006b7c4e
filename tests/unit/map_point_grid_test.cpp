// Picking on the map: the point grid against brute force.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "core/map/point_grid.h"

#include "map_fixtures.h"

using namespace tb::map;
using namespace tb::map::fixtures;

namespace {

// The brute-force answers the grid must match, with the grid's arithmetic (doubles from the floats).
std::optional<std::uint32_t> nearest_by_scan(const std::vector<float>& xy, float x, float y, float max_distance) {
    std::optional<std::uint32_t> best;
    double best_d2 = static_cast<double>(max_distance) * max_distance;
    for (std::size_t i = 0; i < xy.size() / 2; ++i) {
        if (!std::isfinite(xy[2 * i]) || !std::isfinite(xy[2 * i + 1])) continue;
        const double dx = xy[2 * i] - static_cast<double>(x), dy = xy[2 * i + 1] - static_cast<double>(y);
        const double d2 = dx * dx + dy * dy;
        if (d2 < best_d2 || (d2 == best_d2 && !best)) {
            best_d2 = d2;
            best = static_cast<std::uint32_t>(i);
        }
    }
    return best;
}

std::vector<std::uint32_t> box_by_scan(const std::vector<float>& xy, float x0, float y0, float x1, float y1) {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < xy.size() / 2; ++i) {
        const float x = xy[2 * i], y = xy[2 * i + 1];
        if (x >= std::min(x0, x1) && x <= std::max(x0, x1) && y >= std::min(y0, y1) && y <= std::max(y0, y1)) {
            out.push_back(static_cast<std::uint32_t>(i));
        }
    }
    return out;
}

// Even-odd: a ray towards +x crosses the boundary an odd number of times.
std::vector<std::uint32_t> polygon_by_scan(const std::vector<float>& xy, const std::vector<float>& polygon) {
    std::vector<std::uint32_t> out;
    const std::size_t v = polygon.size() / 2;
    for (std::size_t i = 0; i < xy.size() / 2; ++i) {
        const double px = xy[2 * i], py = xy[2 * i + 1];
        if (!std::isfinite(px) || !std::isfinite(py)) continue;
        bool inside = false;
        for (std::size_t a = 0, b = v - 1; a < v; b = a++) {
            const double xa = polygon[2 * b], ya = polygon[2 * b + 1], xb = polygon[2 * a], yb = polygon[2 * a + 1];
            if ((ya > py) != (yb > py) && px < (xb - xa) * (py - ya) / (yb - ya) + xa) inside = !inside;
        }
        if (inside) out.push_back(static_cast<std::uint32_t>(i));
    }
    return out;
}

std::vector<std::uint32_t> all_up_to(std::size_t n) {
    std::vector<std::uint32_t> out(n);
    std::iota(out.begin(), out.end(), 0u);
    return out;
}

}  // namespace

TEST_CASE("map point grid: nearest, ties, distance limit, boxes and a concave polygon", "[map]") {
    const std::vector<float> xy = {0, 0, 1, 0, 0, 1, 1, 1, 0.5f, 0.5f};
    const PointGrid grid(xy);
    CHECK(grid.size() == 5u);
    CHECK(grid.nearest(0.5f, 0.5f, 1) == 4u);
    CHECK(grid.nearest(0.1f, 0.1f, 1) == 0u);
    CHECK(grid.nearest(0.9f, 1.2f, 1) == 3u);
    CHECK(grid.nearest(0.5f, 0, 1) == 0u);   // 0, 1 and 4 all 0.5 away: the lowest index
    CHECK(grid.nearest(1, 0.5f, 1) == 1u);   // 1, 3 and 4 all 0.5 away
    CHECK(grid.nearest(2, 0, 1) == 1u);      // exactly at the limit counts
    CHECK_FALSE(grid.nearest(2.001f, 0, 1).has_value());
    CHECK_FALSE(grid.nearest(5, 5, 1).has_value());
    CHECK(grid.nearest(5, 5, std::numeric_limits<float>::infinity()) == 3u);
    CHECK_FALSE(grid.nearest(0, 0, -1).has_value());
    CHECK_FALSE(grid.nearest(NAN, 0, 1).has_value());

    CHECK(grid.in_box(0, 0, 1, 1) == all_up_to(5));
    CHECK(grid.in_box(1, 1, 0, 0) == all_up_to(5));
    CHECK(grid.in_box(0.9f, -1, 2, 0.5f) == std::vector<std::uint32_t>{1});
    CHECK(grid.in_box(2, 0.5f, 0.9f, -1) == std::vector<std::uint32_t>{1});
    CHECK(grid.in_box(0.2f, 0.2f, 0.4f, 0.4f).empty());

    // A U: the points in its arms and base are in, the one in its notch is out.
    const std::vector<float> u = {0, 0, 3, 0, 3, 3, 2, 3, 2, 1, 1, 1, 1, 3, 0, 3};
    const PointGrid cups(std::vector<float>{0.5f, 2, 1.5f, 2, 2.5f, 2, 1.5f, 0.5f, 4, 1});
    CHECK(cups.in_polygon(u) == std::vector<std::uint32_t>{0, 2, 3});
    CHECK(cups.in_polygon(std::vector<float>{0, 0, 3, 0}).empty());  // two vertices enclose nothing
}

TEST_CASE("map point grid: empty sets, equal points and points on a line", "[map]") {
    for (const PointGrid& empty : {PointGrid(), PointGrid(std::vector<float>{}), PointGrid(std::vector<float>{NAN, 1})}) {
        CHECK(empty.size() == 0u);
        CHECK_FALSE(empty.nearest(0, 0, 100).has_value());
        CHECK(empty.in_box(-1, -1, 1, 1).empty());
        CHECK(empty.in_polygon(std::vector<float>{-1, -1, 1, -1, 0, 1}).empty());
    }
    std::vector<float> same;
    for (int i = 0; i < 1000; ++i) same.insert(same.end(), {2, 3});
    const PointGrid equal(same);
    CHECK(equal.nearest(2, 3, 0) == 0u);
    CHECK(equal.nearest(2.5f, 3, 0.6f) == 0u);
    CHECK_FALSE(equal.nearest(2.5f, 3, 0.4f).has_value());
    CHECK(equal.in_box(1, 1, 2, 3) == all_up_to(1000));
    CHECK(equal.in_polygon(std::vector<float>{0, 0, 8, 0, 0, 8}) == all_up_to(1000));
    CHECK(equal.in_polygon(std::vector<float>{0, 0, 4, 0, 4, 4}).empty());
    CHECK(equal.in_box(2.1f, 3, 3, 4).empty());

    std::vector<float> line;
    for (int i = 0; i < 500; ++i) line.insert(line.end(), {static_cast<float>(i % 50), 7});
    const PointGrid flat(line);
    CHECK(flat.nearest(10.4f, 9, 3) == 10u);
    CHECK(flat.in_box(3, 7, 4, 7) == box_by_scan(line, 3, 7, 4, 7));
    CHECK(flat.in_box(3, 7, 4, 7).size() == 20u);
}

TEST_CASE("map point grid: matches brute force on 10,000 seeded points", "[map]") {
    tb::train::Rng rng(2024);
    std::vector<float> xy;
    for (int i = 0; i < 10000; ++i) {
        if (i % 3 == 0) {
            // On a lattice: many exact ties for queries between lattice points.
            xy.insert(xy.end(), {static_cast<float>(rng.below(40)), static_cast<float>(rng.below(40))});
        } else if (i % 3 == 1) {
            xy.insert(xy.end(), {static_cast<float>(centred_draw(rng) * 80 + 20), static_cast<float>(centred_draw(rng) * 80 + 20)});
        } else {
            // A dense clump, so cells are far from even.
            xy.insert(xy.end(), {static_cast<float>(centred_draw(rng) * 0.5 + 5), static_cast<float>(centred_draw(rng) * 0.5 + 30)});
        }
    }
    xy[2 * 77] = NAN;  // never found
    const PointGrid grid(xy);
    CHECK(grid.size() == 9999u);

    const float limits[] = {0.05f, 0.5f, 3, 40, std::numeric_limits<float>::infinity()};
    for (int q = 0; q < 600; ++q) {
        float x = static_cast<float>(centred_draw(rng) * 140 + 20), y = static_cast<float>(centred_draw(rng) * 140 + 20);
        if (q % 4 == 0) {
            x = static_cast<float>(rng.below(40)) + 0.5f;  // halfway between lattice points
            y = static_cast<float>(rng.below(40));
        }
        const float limit = limits[q % 5];
        CAPTURE(q, x, y, limit);
        REQUIRE(grid.nearest(x, y, limit) == nearest_by_scan(xy, x, y, limit));
    }
    for (int q = 0; q < 200; ++q) {
        const float x0 = static_cast<float>(centred_draw(rng) * 140 + 20), y0 = static_cast<float>(centred_draw(rng) * 140 + 20);
        const float x1 = x0 + static_cast<float>(centred_draw(rng) * 60), y1 = y0 + static_cast<float>(centred_draw(rng) * 60);
        CAPTURE(q);
        REQUIRE(grid.in_box(x0, y0, x1, y1) == box_by_scan(xy, x0, y0, x1, y1));
    }
    for (int q = 0; q < 60; ++q) {
        // Random vertices around a centre: star-shaped when sorted by angle, self-crossing when not.
        const double cx = centred_draw(rng) * 100 + 20, cy = centred_draw(rng) * 100 + 20;
        const std::size_t vertices = 3 + rng.below(10);
        std::vector<std::pair<double, double>> around;
        for (std::size_t v = 0; v < vertices; ++v) around.emplace_back(rng.unit_float() * 6.283185307179586, 5 + rng.unit_float() * 40);
        if (q % 2 == 0) std::sort(around.begin(), around.end());
        std::vector<float> polygon;
        for (const auto& [angle, radius] : around) {
            polygon.push_back(static_cast<float>(cx + radius * std::cos(angle)));
            polygon.push_back(static_cast<float>(cy + radius * std::sin(angle)));
        }
        CAPTURE(q);
        const std::vector<std::uint32_t> inside = grid.in_polygon(polygon);
        REQUIRE(inside == polygon_by_scan(xy, polygon));
        REQUIRE(std::is_sorted(inside.begin(), inside.end()));
    }
}
