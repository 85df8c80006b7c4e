#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/plot/nearest.h"
#include "core/plot/series.h"

using namespace tb::plot;

TEST_CASE("plot nearest: finds the point closest in step") {
    const std::vector<Point> points = {{0, 1}, {10, 2}, {20, 3}, {40, 4}};
    CHECK(nearest_index(points, -5) == 0u);
    CHECK(nearest_index(points, 4) == 0u);
    CHECK(nearest_index(points, 5) == 0u);  // a tie goes to the earlier point
    CHECK(nearest_index(points, 6) == 1u);
    CHECK(nearest_index(points, 20) == 2u);
    CHECK(nearest_index(points, 31) == 3u);
    CHECK(nearest_index(points, 1e9) == 3u);
}

TEST_CASE("plot nearest: skips missing values and handles empty and NaN input") {
    const std::vector<Point> points = {{0, 1}, {10, NAN}, {20, 3}};
    CHECK(nearest_index(points, 11) == 2u);
    CHECK(nearest_index(points, 9) == 0u);
    CHECK_FALSE(nearest_index(std::vector<Point>{}, 3).has_value());
    CHECK_FALSE(nearest_index(std::vector<Point>{{0, NAN}}, 0).has_value());
    CHECK_FALSE(nearest_index(points, NAN).has_value());
    CHECK(nearest_index(std::vector<Point>{{5, 1}}, -100) == 0u);
}

TEST_CASE("plot series: points are kept sorted by step whichever way they arrive") {
    Series s;
    add_point(s, {10, 1});
    add_point(s, {20, 2});
    add_point(s, {15, 3});  // late
    add_point(s, {NAN, 4});  // no place on the axis
    add_point(s, {20, 5});  // repeated step keeps arrival order
    REQUIRE(s.points.size() == 4);
    CHECK(is_sorted_by_x(s.points));
    CHECK(s.points[1].y == 3);
    CHECK(s.points[2].y == 2);
    CHECK(s.points[3].y == 5);

    Series bulk{"r", "n", {{3, 0}, {1, 1}, {INFINITY, 2}, {2, 3}, {1, 4}}};
    sort_points(bulk);
    REQUIRE(bulk.points.size() == 4);
    CHECK(is_sorted_by_x(bulk.points));
    CHECK(bulk.points[0].y == 1);  // stable among equal steps
    CHECK(bulk.points[1].y == 4);
    CHECK(first_at_or_after(bulk.points, 2) == 2u);
    CHECK(first_at_or_after(bulk.points, 99) == 4u);
}
