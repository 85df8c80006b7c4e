#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/plot/view.h"

using namespace tb::plot;

TEST_CASE("plot view: legend toggles hide series by name and by run") {
    View view;
    const Series a{"run-a", "Train loss", {}};
    const Series b{"run-b", "Train loss", {}};
    const Series c{"run-a", "Valid loss", {}};
    set_name_hidden(view, "Train loss", true);
    set_name_hidden(view, "Train loss", true);  // idempotent
    CHECK(view.hidden_names.size() == 1);
    CHECK_FALSE(is_visible(view, a));
    CHECK_FALSE(is_visible(view, b));
    CHECK(is_visible(view, c));
    set_name_hidden(view, "Train loss", false);
    set_run_hidden(view, "run-a", true);
    CHECK_FALSE(is_visible(view, a));
    CHECK(is_visible(view, b));
    CHECK(run_hidden(view, "run-a"));
    CHECK_FALSE(name_hidden(view, "Train loss"));
}

TEST_CASE("plot view: fit covers the visible data with padding") {
    View view;
    const std::vector<Series> series = {{"r", "Train loss", {{0, 2.0}, {100, 0.5}, {200, NAN}}},
                                        {"r", "Valid loss", {{50, 3.0}, {150, 1.0}}}};
    const Window w = fit(series, view, Padding{0.1, 0.1});
    CHECK(w.x_min == Approx(-15));
    CHECK(w.x_max == Approx(165));  // the NaN at step 200 is no data
    CHECK(w.y_min == Approx(0.25));
    CHECK(w.y_max == Approx(3.25));
    set_name_hidden(view, "Valid loss", true);
    const Window hidden = fit(series, view, Padding{0, 0});
    CHECK(hidden.y_max == Approx(2.0));
    CHECK(hidden.x_max == Approx(100));
}

TEST_CASE("plot view: fit on a log axis pads by factors and ignores values <= 0") {
    View view;
    view.log_y = true;
    const std::vector<Series> series = {{"r", "loss", {{0, 0.0}, {1, 0.01}, {2, 100}}}};
    const Window w = fit(series, view, Padding{0, 0.25});
    // log10 range -2…2, padded by a quarter of its 4 decades on each side.
    CHECK(w.y_min == Approx(0.001));
    CHECK(w.y_max == Approx(1000));
    CHECK(usable(w, true));
}

TEST_CASE("plot view: empty, single-point and constant data fit to a usable window") {
    View view;
    CHECK(usable(fit({}, view), false));
    view.log_y = true;
    CHECK(usable(fit({}, view), true));
    view.log_y = false;
    const std::vector<Series> single = {{"r", "s", {{7, 0.0}}}};
    const Window w = fit(single, view);
    CHECK(usable(w, false));
    CHECK(w.x_min < 7);
    CHECK(w.x_max > 7);
    CHECK(w.y_min < 0);
    CHECK(w.y_max > 0);
    const std::vector<Series> flat = {{"r", "s", {{0, 0.5}, {10, 0.5}}}};
    CHECK(usable(fit(flat, view), false));
    view.log_y = true;
    CHECK(usable(fit(flat, view), true));
    const std::vector<Series> all_nan = {{"r", "s", {{0, NAN}}}};
    CHECK(usable(fit(all_nan, view), true));
}

TEST_CASE("plot view: reset returns to the fit, and an unusable stored window falls back to it") {
    View view;
    const std::vector<Series> series = {{"r", "s", {{0, 1}, {10, 2}}}};
    view.auto_fit = false;
    view.window = Window{2, 3, 1.2, 1.4};
    CHECK(current_window(series, view).x_min == 2);
    view.auto_fit = true;  // what double-click and "Fit" do
    CHECK(current_window(series, view).x_min < 0);
    view.auto_fit = false;
    view.window = Window{0, 10, -1, 3};
    view.log_y = true;  // y_min -1 cannot be shown on a log axis
    CHECK(usable(current_window(series, view), true));
}
