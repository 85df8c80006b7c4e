#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/plot/extents.h"

using namespace tb::plot;

namespace {

Extents of(const std::vector<Point>& points) { return extents_of(points); }

}  // namespace

TEST_CASE("plot extents: a flat loss is not stretched into a slope") {
    // The curve: a loss at ln 6 wobbling in the fourth decimal.
    const Extents flat = of({{0, 1.7918}, {1, 1.7916}, {2, 1.7915}, {3, 1.7915}});
    const Window w = fit(flat, false, Padding{0, 0});
    const double span = 0.1 * 1.7918;           // the default minimum: a tenth of the largest value
    const double middle = (1.7915 + 1.7918) / 2;
    CHECK(w.y_min == Approx(middle - span / 2).epsilon(1e-12));
    CHECK(w.y_max == Approx(middle + span / 2).epsilon(1e-12));
    // The data's 0.0003 is then under 0.2 % of the height, a flat line, instead of all of it.
    CHECK((1.7918 - 1.7915) / (w.y_max - w.y_min) < 0.002);
    // Without the minimum, the fit is the data's own range.
    const Window zoomed = fit(flat, false, Padding{0, 0, 0});
    CHECK(zoomed.y_min == 1.7915);
    CHECK(zoomed.y_max == 1.7918);
}

TEST_CASE("plot extents: the minimum span applies only below it, and padding comes on top") {
    const Padding half{0, 0, 0.5};  // exact in binary, so the boundary is exact
    const Window narrow = fit(of({{0, 3}, {1, 4}}), false, half);  // spans 1, the minimum is 2
    CHECK(narrow.y_min == 2.5);
    CHECK(narrow.y_max == 4.5);
    const Window at_minimum = fit(of({{0, 2}, {1, 4}}), false, half);  // spans exactly 2: kept
    CHECK(at_minimum.y_min == 2);
    CHECK(at_minimum.y_max == 4);
    const Window descent = fit(of({{0, 2.0}, {1, 0.5}}), false, Padding{0, 0});  // a real descent
    CHECK(descent.y_min == 0.5);
    CHECK(descent.y_max == 2.0);
    // Widened first (to [2.5, 4.5]), then padded by a quarter of that span on each side.
    const Window padded = fit(of({{0, 3}, {1, 4}}), false, Padding{0, 0.25, 0.5});
    CHECK(padded.y_min == 2.0);
    CHECK(padded.y_max == 5.0);
}

TEST_CASE("plot extents: a widened range keeps the data's sign") {
    const Padding half{0, 0, 0.5};
    const Window negative = fit(of({{0, -4}, {1, -3}}), false, half);  // magnitude 4: a span of 2
    CHECK(negative.y_min == -4.5);
    CHECK(negative.y_max == -2.5);
    // Values on both sides of zero already span more than their largest magnitude: nothing to widen.
    const Window across = fit(of({{0, -0.01}, {1, 0.01}}), false, Padding{0, 0});
    CHECK(across.y_min == -0.01);
    CHECK(across.y_max == 0.01);
    // A constant zero has no magnitude: it keeps its unit either side.
    const Window zero = fit(of({{0, 0}, {1, 0}}), false, Padding{0, 0});
    CHECK(zero.y_min == -1);
    CHECK(zero.y_max == 1);
}

TEST_CASE("plot extents: on a log axis the widened range stays positive") {
    const Extents flat = of({{0, 0.0}, {1, 1.7915}, {2, 1.7918}});  // the 0 has no place on a log axis
    const Window w = fit(flat, true, Padding{0, 0});
    const double middle = (1.7915 + 1.7918) / 2;
    CHECK(w.y_min == Approx(middle - 0.1 * 1.7918 / 2).epsilon(1e-12));
    CHECK(w.y_max == Approx(middle + 0.1 * 1.7918 / 2).epsilon(1e-12));
    CHECK(usable(w, true));
    // The tightest range that gets widened, [0.9·m, m] just under the span, stays above zero.
    const Window tight = fit(of({{0, 0.9000001}, {1, 1.0}}), true, Padding{0, 0});
    CHECK(tight.y_min > 0.8);
}
