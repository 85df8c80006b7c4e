#include <catch2/catch.hpp>

#include <cmath>

#include "core/plot/mapping.h"

using namespace tb::plot;

namespace {
const Rect kRect{100, 50, 600, 350};  // 500 × 300 pixels
}

TEST_CASE("plot mapping: data maps onto the rectangle, larger values upwards") {
    const Mapping m(Window{0, 1000, 0, 2}, false, kRect);
    CHECK(m.px(0) == Approx(100));
    CHECK(m.px(1000) == Approx(600));
    CHECK(m.py(0) == Approx(350));
    CHECK(m.py(2) == Approx(50));
    CHECK(m.x_at(m.px(123.4)) == Approx(123.4));
    CHECK(m.y_at(m.py(1.7)) == Approx(1.7));
}

TEST_CASE("plot mapping: a log axis spaces decades evenly and has no place for y <= 0") {
    const Mapping m(Window{0, 1, 0.01, 100}, true, kRect);
    CHECK(m.py(0.01) == Approx(350));
    CHECK(m.py(1) == Approx(200));
    CHECK(m.py(100) == Approx(50));
    CHECK(std::isnan(m.py(0)));
    CHECK(std::isnan(m.py(-1)));
    CHECK(m.y_at(200) == Approx(1));
}

TEST_CASE("plot mapping: degenerate windows and rectangles do not divide by zero") {
    const Mapping m(Window{5, 5, 1, 1}, false, Rect{0, 0, 0, 0});
    CHECK(std::isfinite(m.px(5)));
    CHECK(std::isfinite(m.py(1)));
    CHECK(std::isfinite(m.x_at(3)));
    CHECK_FALSE(usable(Window{5, 5, 0, 1}, false));
    CHECK_FALSE(usable(Window{0, 1, 0, 1}, true));  // y_min 0 on a log axis
    CHECK_FALSE(usable(Window{0, NAN, 0, 1}, false));
    CHECK(usable(Window{0, 1, 0.1, 1}, true));
}

TEST_CASE("plot mapping: zoom keeps the point under the cursor fixed") {
    for (bool log : {false, true}) {
        CAPTURE(log);
        const Window before{0, 1000, log ? 0.01 : -1.0, log ? 10.0 : 3.0};
        const double px = 237, py = 121;
        const Mapping m0(before, log, kRect);
        const double x = m0.x_at(px), y = m0.y_at(py);
        for (double factor : {0.5, 0.8, 1.25, 3.0}) {
            const Window after = zoom(before, log, kRect, px, py, factor, factor);
            const Mapping m1(after, log, kRect);
            CHECK(m1.x_at(px) == Approx(x));
            CHECK(m1.y_at(py) == Approx(y));
            CHECK(after.x_max - after.x_min == Approx((before.x_max - before.x_min) * factor));
        }
    }
    // One axis only.
    const Window x_only = zoom(Window{0, 10, 0, 1}, false, kRect, 350, 200, 0.5, 1);
    CHECK(x_only.y_min == 0);
    CHECK(x_only.y_max == 1);
    CHECK(x_only.x_max - x_only.x_min == Approx(5));
}

TEST_CASE("plot mapping: zooming in without end stops at what doubles can show") {
    Window w{0, 1, 0, 1};
    for (int i = 0; i < 200; ++i) w = zoom(w, false, kRect, 300, 200, 0.5, 0.5);
    CHECK(usable(w, false));
    CHECK(w.x_max > w.x_min);
    // And out without end stays finite.
    for (int i = 0; i < 2000; ++i) w = zoom(w, false, kRect, 300, 200, 2, 2);
    CHECK(usable(w, false));
    Window lw{0, 1, 0.1, 1};
    for (int i = 0; i < 2000; ++i) lw = zoom(lw, true, kRect, 300, 200, 2, 2);
    CHECK(usable(lw, true));
}

TEST_CASE("plot mapping: pan moves the content with the mouse") {
    const Window before{0, 1000, 0, 2};
    const Window after = pan(before, false, kRect, 50, -30);  // right 50 px, up 30 px
    // 500 px show 1000 steps: 50 px right shows 100 steps earlier; 300 px show 2, 30 px up shows 0.2 lower.
    CHECK(after.x_min == Approx(-100));
    CHECK(after.x_max == Approx(900));
    CHECK(after.y_min == Approx(-0.2));
    CHECK(after.y_max == Approx(1.8));
    // The data point under (300, 200) is now under (350, 170).
    CHECK(Mapping(after, false, kRect).x_at(350) == Approx(Mapping(before, false, kRect).x_at(300)));
    CHECK(Mapping(after, false, kRect).y_at(170) == Approx(Mapping(before, false, kRect).y_at(200)));
    // On a log axis a pan shifts decades.
    const Window log_after = pan(Window{0, 1, 0.01, 100}, true, kRect, 0, 75);  // down 75 px = one decade
    CHECK(log_after.y_min == Approx(0.1));
    CHECK(log_after.y_max == Approx(1000));
}
