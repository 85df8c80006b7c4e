#pragma once

#include <vector>

#include "core/workflow/intents.h"
#include "core/workflow/state.h"
#include "ui/draft_text.h"
#include "ui/style.h"

namespace tb::ui {

// The Prompt step: the system prompt and the user-message template, a live preview on a training row,
// the training and validation files with their checks, exact token counts, and what training would cost.
class PromptPanel {
public:
    void draw(const workflow::State& state, const Fonts& fonts, std::vector<workflow::Intent>& intents);

private:
    DraftText system_, user_;  // the two prompts' editors
};

// The files' check and cost, also shown on the Fine-tune step before a job is started.
void draw_files_check(const workflow::TrainingFiles& files);
void draw_cost(const workflow::TrainingFiles& files);

}  // namespace tb::ui
