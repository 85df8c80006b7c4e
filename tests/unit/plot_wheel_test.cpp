#include <catch2/catch.hpp>

#include "core/plot/wheel.h"

using tb::plot::WheelAction;
using tb::plot::wheel_action;
using tb::plot::wheel_hint_shown;

TEST_CASE("the wheel zooms a plot only with Ctrl or Cmd held") {
    CHECK(wheel_action(true, 1.0f, true) == WheelAction::zoom);
    CHECK(wheel_action(true, -2.5f, true) == WheelAction::zoom);
    // Scrolling the page past a plot leaves it as it is and says how to zoom.
    CHECK(wheel_action(true, 1.0f, false) == WheelAction::scroll_with_hint);
    CHECK(wheel_action(true, -0.25f, false) == WheelAction::scroll_with_hint);
}

TEST_CASE("the wheel does nothing to a plot it is not over, or when it did not turn") {
    CHECK(wheel_action(false, 1.0f, true) == WheelAction::none);
    CHECK(wheel_action(false, 1.0f, false) == WheelAction::none);
    CHECK(wheel_action(true, 0.0f, true) == WheelAction::none);
    CHECK(wheel_action(true, 0.0f, false) == WheelAction::none);
}

TEST_CASE("the zoom hint shows for a moment after the wheel turned without the modifier") {
    CHECK_FALSE(wheel_hint_shown(-1, 0));
    CHECK_FALSE(wheel_hint_shown(-1, 100));
    CHECK(wheel_hint_shown(10, 10));
    CHECK(wheel_hint_shown(10, 10 + tb::plot::kWheelHintSeconds - 0.01));
    CHECK_FALSE(wheel_hint_shown(10, 10 + tb::plot::kWheelHintSeconds));
    CHECK_FALSE(wheel_hint_shown(10, 9));  // a clock that went back shows nothing stale
}
