#pragma once

namespace tb::plot {

// What a turn of the mouse wheel over a plot does. A page is scrolled with the wheel past its plots: if
// the wheel zoomed whichever plot passed under the pointer, scrolling would zoom plots by accident. So
// the wheel zooms only with Ctrl (⌘ on a Mac) held; without it the page scrolls and the plot says how
// to zoom.
enum class WheelAction { none, zoom, scroll_with_hint };

WheelAction wheel_action(bool over_plot, float wheel, bool ctrl_or_cmd);

// How long the hint stays after the wheel was last turned over the plot without the modifier.
constexpr double kWheelHintSeconds = 1.5;

// Whether the hint shows at `now`, when the wheel was last turned at `turned_at` (negative: never).
bool wheel_hint_shown(double turned_at, double now);

}  // namespace tb::plot
