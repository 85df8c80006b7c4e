#pragma once

#include <vector>

#include "core/workflow/intents.h"
#include "core/workflow/state.h"

namespace tb::ui {

// Where the person sets up providers: base URL, key (masked; remembered only on request), and a
// connection test that lists the models, marking those with a shutdown date.
void draw_providers_window(const workflow::State& state, std::vector<workflow::Intent>& intents);

}  // namespace tb::ui
