#pragma once

#include <vector>

#include "core/workflow/intents.h"
#include "core/workflow/state.h"

namespace tb::ui {

// The classifier trained in the browser (in the Fine-tune step): its settings, Train, the live curves
// of training loss and validation loss and accuracy, and the model in hand (download, load).
void draw_local_model_section(const workflow::State& state, std::vector<workflow::Intent>& intents);

}  // namespace tb::ui
