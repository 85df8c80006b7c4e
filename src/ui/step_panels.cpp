#include "ui/step_panels.h"

#include <imgui.h>

#include "ui/compare_panel.h"
#include "ui/data_panel.h"
#include "ui/evaluate_panel.h"
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
        draw_evaluate_panel(state, fonts, now, intents);
        break;
    case workflow::Step::Compare:
        draw_compare_panel(state, fonts, intents);
        break;
    }
}

}  // namespace tb::ui
