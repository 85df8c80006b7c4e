#pragma once

#include <vector>

#include "core/finetune/tracked_job.h"
#include "core/workflow/intents.h"
#include "core/workflow/state.h"

namespace tb::ui {

// One job in full: its status on a timeline, what it has trained, its curves (with the other jobs'
// overlaid on request), checkpoints, and the events log. Cancel asks first.
void draw_job_view(const workflow::State& state, const finetune::TrackedJob& job, double epoch_now,
                   std::vector<workflow::Intent>& intents);

}  // namespace tb::ui
