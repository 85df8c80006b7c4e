#pragma once

#include <vector>

#include "core/workflow/intents.h"
#include "core/workflow/state.h"
#include "ui/style.h"

namespace tb::ui {

// The panel of the current step.
void draw_step_panel(const workflow::State& state, const Fonts& fonts, double now, double epoch_now,
                     std::vector<workflow::Intent>& intents);

}  // namespace tb::ui
