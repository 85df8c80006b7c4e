#pragma once

#include <vector>

#include "core/workflow/intents.h"
#include "core/workflow/state.h"

namespace tb::ui {

// The line at the foot of the window: the status message, when there is one worth saying, and at the right
// the current step's "Next" action (a button to the next sensible step), where it is always in view
// whatever the step's panel holds or how far it is scrolled.
void draw_status_bar(const workflow::State& state, std::vector<workflow::Intent>& intents);

}  // namespace tb::ui
