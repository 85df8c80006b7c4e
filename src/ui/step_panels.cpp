#include "ui/step_panels.h"

#include <imgui.h>

#include "ui/data_panel.h"
#include "ui/finetune_panel.h"
#include "ui/prompt_panel.h"
#include "ui/widgets.h"

namespace tb::ui {

void draw_step_panel(const workflow::State& state, const Fonts& fonts, double now, double epoch_now,
                     std::vector<workflow::Intent>& intents) {
    switch (state.step) {
    case workflow::Step::Data:
        draw_data_panel(state, fonts, now, intents);
        break;
    case workflow::Step::Prompt:
        draw_prompt_panel(state, fonts, intents);
        break;
    case workflow::Step::FineTune:
        draw_finetune_panel(state, fonts, epoch_now, intents);
        break;
    case workflow::Step::Evaluate:
        heading(fonts, "Evaluate");
        wrapped("Score every candidate on the same held-out rows: prompted models, fine-tuned models and the "
                "classifier trained here in the browser.", 48);
        break;
    case workflow::Step::Compare:
        heading(fonts, "Compare");
        wrapped("Accuracy with 95 % intervals, per-class F1, confusion matrices and paired tests, side by side.", 48);
        break;
    }
}

}  // namespace tb::ui
