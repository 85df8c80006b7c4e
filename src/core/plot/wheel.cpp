#include "core/plot/wheel.h"

namespace tb::plot {

WheelAction wheel_action(bool over_plot, float wheel, bool ctrl_or_cmd) {
    if (!over_plot || wheel == 0) return WheelAction::none;
    return ctrl_or_cmd ? WheelAction::zoom : WheelAction::scroll_with_hint;
}

bool wheel_hint_shown(double turned_at, double now) {
    return turned_at >= 0 && now >= turned_at && now - turned_at < kWheelHintSeconds;
}

}  // namespace tb::plot
