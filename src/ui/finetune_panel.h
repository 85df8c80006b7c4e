#pragma once

#include <vector>

#include "core/workflow/intents.h"
#include "core/workflow/state.h"
#include "ui/style.h"

namespace tb::ui {

// The Fine-tune step, in two tabs. Through a provider: choose provider, model and hyperparameters, see
// the cost, start a job (after a confirmation that states the cost), attach existing jobs, and follow
// each job live. In the browser: the classifier trained in the page (ui/local_model_panel.h).
void draw_finetune_panel(const workflow::State& state, const Fonts& fonts, double epoch_now,
                         std::vector<workflow::Intent>& intents);

}  // namespace tb::ui
