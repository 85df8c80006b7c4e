#include "ui/step_panels.h"

#include <imgui.h>

#include "ui/compare_panel.h"

namespace tb::ui {

void StepPanels::draw(const workflow::State& state, const Fonts& fonts, double now, double epoch_now,
                      std::vector<workflow::Intent>& intents) {
    plots_.epoch_now = epoch_now;
    switch (state.step) {
    case workflow::Step::Data:
        data_.draw(state, fonts, now, intents);
        break;
    case workflow::Step::Prompt:
        prompt_.draw(state, fonts, intents);
        break;
    case workflow::Step::FineTune:
        finetune_.draw(state, fonts, epoch_now, plots_, intents);
        break;
    case workflow::Step::Evaluate:
        evaluate_.draw(state, fonts, now, plots_, intents);
        break;
    case workflow::Step::Compare:
        draw_compare_panel(state, fonts, plots_, map_, map_feed_, intents);
        break;
    }
}

}  // namespace tb::ui
