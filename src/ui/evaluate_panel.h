#pragma once

#include <vector>

#include "core/workflow/intents.h"
#include "ui/style.h"

namespace tb::ui {

// The Evaluate step: choose the candidates, run them on the test rows, watch each one's progress.
void draw_evaluate_panel(const workflow::State& state, const Fonts& fonts, double now,
                         std::vector<workflow::Intent>& intents);

}  // namespace tb::ui
