#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/plot/smoothing.h"

using namespace tb::plot;

TEST_CASE("plot smoothing: debiased EMA matches a hand computation") {
    const std::vector<Point> raw = {{0, 1}, {10, 2}, {20, 3}};
    std::vector<Point> smoothed;
    smooth_ema(raw, 0.5, smoothed);
    REQUIRE(smoothed.size() == 3);
    // last = 0.5, 1.25, 2.125; debias by 1 - 0.5^k = 0.5, 0.75, 0.875.
    CHECK(smoothed[0].y == Approx(1.0));
    CHECK(smoothed[1].y == Approx(1.25 / 0.75));
    CHECK(smoothed[2].y == Approx(2.125 / 0.875));
    // Steps are kept.
    CHECK(smoothed[2].x == 20);
}

TEST_CASE("plot smoothing: the first smoothed value is the first raw value, not pulled to zero") {
    std::vector<Point> smoothed;
    smooth_ema(std::vector<Point>{{1, 4.0}, {2, 4.5}}, 0.99, smoothed);
    CHECK(smoothed[0].y == Approx(4.0));
    CHECK(smoothed[1].y > 4.0);
    CHECK(smoothed[1].y < 4.5);
}

TEST_CASE("plot smoothing: NaN passes through and does not disturb the average") {
    std::vector<Point> smoothed;
    smooth_ema(std::vector<Point>{{0, 1}, {1, NAN}, {2, 3}}, 0.5, smoothed);
    CHECK(smoothed[0].y == Approx(1.0));
    CHECK(std::isnan(smoothed[1].y));
    // Second finite value: last = 0.25 + 1.5 = 1.75, debiased by 0.75.
    CHECK(smoothed[2].y == Approx(1.75 / 0.75));
}

TEST_CASE("plot smoothing: weight 0, empty and constant series are returned unchanged") {
    std::vector<Point> smoothed = {{9, 9}};
    smooth_ema(std::vector<Point>{}, 0.6, smoothed);
    CHECK(smoothed.empty());
    const std::vector<Point> raw = {{0, 1}, {1, 5}, {2, 2}};
    smooth_ema(raw, 0, smoothed);
    CHECK(smoothed[1].y == 5);
    const std::vector<Point> flat = {{0, 0.1}, {1, 0.1}, {2, 0.1}};
    smooth_ema(flat, 0.9, smoothed);
    for (const Point& p : smoothed) CHECK(p.y == 0.1);  // exactly, no rounding noise
    // Weight 1 would divide by zero (1 - 1^k): it is clamped, and values stay finite.
    smooth_ema(raw, 1.0, smoothed);
    for (const Point& p : smoothed) CHECK(std::isfinite(p.y));
}

TEST_CASE("plot smoothing: smoothed values stay within the raw range") {
    std::vector<Point> raw;
    for (int i = 0; i < 1000; ++i) raw.push_back({double(i), std::sin(i * 0.37) + (i % 7) * 0.1});
    std::vector<Point> smoothed;
    smooth_ema(raw, 0.9, smoothed);
    for (const Point& p : smoothed) {
        CHECK(p.y >= -1.0 - 1e-9);
        CHECK(p.y <= 1.6 + 1e-9);
    }
}
