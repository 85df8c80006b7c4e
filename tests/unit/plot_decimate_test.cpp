#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/plot/decimate.h"

using namespace tb::plot;

namespace {

// A noisy loss curve with spikes: deterministic, no <random> needed.
std::vector<Point> noisy(std::size_t n) {
    std::vector<Point> points;
    std::uint32_t state = 12345;
    for (std::size_t i = 0; i < n; ++i) {
        state = state * 1664525u + 1013904223u;
        const double noise = (state >> 8) / double(1u << 24) - 0.5;
        points.push_back({double(i), 2.0 * std::exp(-double(i) / 20000.0) + 0.3 * noise + (i % 9973 == 0 ? 5 : 0)});
    }
    return points;
}

bool contains(const std::vector<Point>& points, const Point& p) {
    return std::any_of(points.begin(), points.end(), [&](const Point& q) { return q.x == p.x && q.y == p.y; });
}

}  // namespace

TEST_CASE("plot decimate: 100000 points into 500 columns keep every column's min, max, first and last") {
    const std::vector<Point> points = noisy(100000);
    std::vector<Point> out;
    const double x_min = 0, x_max = 99999;
    const int columns = 500;
    const std::size_t examined = decimate(points, x_min, x_max, columns, out);
    // One pass: each point looked at once.
    CHECK(examined == points.size());
    CHECK(out.size() <= 4 * std::size_t(columns));
    CHECK(out.size() >= 2 * std::size_t(columns));
    CHECK(std::is_sorted(out.begin(), out.end(), [](const Point& a, const Point& b) { return a.x < b.x; }));

    // Recompute each column's extremes the slow way and find them in the output.
    struct Expect {
        Point first{}, last{}, min{}, max{};
        bool any = false;
    };
    std::vector<Expect> expect(columns);
    for (const Point& p : points) {
        // The same arithmetic as decimate(), so boundary points land in the same column.
        auto c = static_cast<std::size_t>((p.x - x_min) * (columns / (x_max - x_min)));
        c = std::min<std::size_t>(c, columns - 1);
        Expect& e = expect[c];
        if (!e.any) e.first = e.min = e.max = p, e.any = true;
        e.last = p;
        if (p.y < e.min.y) e.min = p;
        if (p.y > e.max.y) e.max = p;
    }
    int missing = 0;
    for (const Expect& e : expect) {
        REQUIRE(e.any);
        for (const Point& p : {e.first, e.last, e.min, e.max}) missing += contains(out, p) ? 0 : 1;
    }
    CHECK(missing == 0);
}

TEST_CASE("plot decimate: the pass is linear in the points of the window") {
    std::vector<Point> out;
    for (std::size_t n : {1000u, 10000u, 100000u}) {
        const std::vector<Point> points = noisy(n);
        CHECK(decimate(points, 0, double(n), 500, out) == n);
        CHECK(out.size() <= 2000);
    }
    // A zoomed window only looks at the points inside it (binary search to find them).
    const std::vector<Point> points = noisy(100000);
    CHECK(decimate(points, 5000, 5999, 100, out) == 1000);
}

TEST_CASE("plot decimate: the neighbours just outside the window are kept so lines reach the edges") {
    const std::vector<Point> points = {{0, 1}, {10, 2}, {20, 3}, {30, 4}};
    std::vector<Point> out;
    decimate(points, 12, 18, 10, out);  // nothing inside
    REQUIRE(out.size() == 2);
    CHECK(out[0].x == 10);
    CHECK(out[1].x == 20);
    decimate(points, 5, 25, 10, out);
    REQUIRE(out.size() == 4);
    CHECK(out.front().x == 0);
    CHECK(out.back().x == 30);
}

TEST_CASE("plot decimate: NaN, empty, single-point and zero-width windows are handled") {
    std::vector<Point> out = {{1, 1}};
    CHECK(decimate(std::vector<Point>{}, 0, 1, 100, out) == 0);
    CHECK(out.empty());
    decimate(std::vector<Point>{{5, 2}}, 0, 10, 100, out);
    CHECK(out.size() == 1);
    decimate(std::vector<Point>{{5, 2}, {5, 3}, {5, 1}}, 5, 5, 100, out);  // zero-width: one column
    CHECK(out.size() == 3);
    decimate(std::vector<Point>{{0, NAN}, {1, 2}, {2, NAN}, {3, 4}}, 0, 3, 100, out);
    REQUIRE(out.size() == 2);
    CHECK(out[0].y == 2);
    CHECK(out[1].y == 4);
    decimate(std::vector<Point>{{0, 1}}, NAN, 1, 100, out);
    CHECK(out.empty());
    decimate(std::vector<Point>{{0, 1}, {1, 2}}, 0, 1, 0, out);  // zero columns: treated as one
    CHECK(out.size() == 2);
}
