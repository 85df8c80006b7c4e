#pragma once

#include <nlohmann/json.hpp>

#include "core/finetune/tracked_job.h"
#include "core/train/curve_reading.h"
#include "core/workflow/local_model_state.h"

namespace tb::workflow {

// The plain-words reading of the curves each plot shows (train::read_curves), so the sentence under a
// plot and the one in state() are the same.

// The in-browser classifier's: the run under way, else the model in hand's. Epochs along x, as plotted;
// chance level ln k from the classes it was trained on.
train::CurveReading local_model_reading(const LocalModelState& local);

// A provider job's, by step: training loss, and the full validation loss when the job reported enough
// of it (once an epoch), else the per-step validation loss; its checkpoints are the models to pick
// from. No chance level: the provider's loss is per token of the answer, not per class.
train::CurveReading job_reading(const finetune::TrackedJob& job);

// {kind, text, bestX?, bestCheckpoint?}, as state() shows a reading.
nlohmann::json reading_json(const train::CurveReading& reading);

}  // namespace tb::workflow
