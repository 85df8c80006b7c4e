#pragma once

#include <vector>

#include "core/workflow/intents.h"
#include "core/workflow/state.h"
#include "ui/style.h"

namespace tb::ui {

// The whole window: header with the experiment's name, the step bar, the current step's panel and the
// status line. Reads the state; what the person asks for is appended to `intents`.
// `now` is the page clock in seconds (for rates and time left); `epoch_now` the wall clock (for dates).
void draw_workspace(const workflow::State& state, const Fonts& fonts, double now, double epoch_now,
                    std::vector<workflow::Intent>& intents);

}  // namespace tb::ui
