#pragma once

#include <vector>

#include "core/workflow/intents.h"
#include "core/workflow/state.h"
#include "ui/style.h"

namespace tb::ui {

// The Data step: open a file (or the demo), watch it being read, choose columns and classes, draw the
// split and look through it.
void draw_data_panel(const workflow::State& state, const Fonts& fonts, double now,
                     std::vector<workflow::Intent>& intents);

}  // namespace tb::ui
