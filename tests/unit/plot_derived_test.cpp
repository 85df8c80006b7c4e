#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/plot/derived.h"
#include "core/plot/extents.h"

using namespace tb::plot;

TEST_CASE("plot derived: smoothing and extents are recomputed only when the series changes") {
    std::vector<Point> points;
    for (int i = 0; i < 1000; ++i) points.push_back({double(i), 1.0 + (i % 10)});
    DerivedSeries derived;
    derived.update(points, 0.6);
    CHECK(derived.recomputations() == 1);
    CHECK(derived.smoothed().size() == points.size());
    CHECK(derived.extents().y_max == 10);
    derived.update(points, 0.6);  // unchanged: nothing to do
    CHECK(derived.recomputations() == 1);
    derived.update(points, 0.9);  // another weight
    CHECK(derived.recomputations() == 2);

    points.reserve(points.size() + 10);  // keep the address, so only the count says it grew
    derived.update(points, 0.9);
    const std::size_t before = derived.recomputations();
    points.push_back({1000, 50});
    derived.update(points, 0.9);
    CHECK(derived.recomputations() == before + 1);
    CHECK(derived.extents().y_max == 50);

    points.back().y = 60;  // the last point is always sampled
    derived.update(points, 0.9);
    CHECK(derived.extents().y_max == 60);
    points[0].y = -5;  // and so is the first
    derived.update(points, 0.9);
    CHECK(derived.extents().y_min == -5);

    // The same points rebuilt elsewhere (as a caller building series every frame does): no work.
    const std::size_t settled = derived.recomputations();
    const std::vector<Point> copy = points;
    derived.update(copy, 0.9);
    CHECK(derived.recomputations() == settled);

    derived.update(points, 0);
    CHECK(derived.smoothed().empty());
    const std::size_t count = derived.recomputations();
    derived.invalidate();
    derived.update(points, 0);
    CHECK(derived.recomputations() == count + 1);
}

TEST_CASE("plot derived: extents skip non-finite points and track the positive ones for log axes") {
    const std::vector<Point> points = {{0, -1}, {1, NAN}, {2, 0.5}, {3, 4}, {INFINITY, 9}, {4, 0}};
    const Extents e = extents_of(points);
    CHECK(e.x_min == 0);
    CHECK(e.x_max == 4);
    CHECK(e.y_min == -1);
    CHECK(e.y_max == 4);
    CHECK(e.y_min_positive == 0.5);
    CHECK(e.x_min_positive == 2);
    CHECK(e.x_max_positive == 3);
    CHECK_FALSE(e.empty(false));
    CHECK(Extents{}.empty(false));
    CHECK(extents_of(std::vector<Point>{{0, -2}}).empty(true));  // nothing a log axis can show
    Extents merged = extents_of(std::vector<Point>{{10, 7}});
    merged.merge(e);
    CHECK(merged.x_max == 10);
    CHECK(merged.y_min == -1);
}
