#pragma once

#include "core/train/curve_reading.h"

namespace tb::ui {

// The plain-words reading of a training plot, drawn under it: wrapped at the panel's edge, in the
// warning colour when it calls for a change (learnt nothing, stalled, rising, overfitting), and
// recorded for automation under its own text.
void draw_curve_verdict(const train::CurveReading& reading);

}  // namespace tb::ui
