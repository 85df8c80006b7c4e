#include "ui/step_panels.h"

#include <imgui.h>

#include "ui/data_panel.h"

namespace tb::ui {

namespace {

void heading(const Fonts& fonts, const char* text) {
    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
    ImGui::Spacing();
}

void line(const char* text) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 48);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
}

}  // namespace

void draw_step_panel(const workflow::State& state, const Fonts& fonts, double now,
                     std::vector<workflow::Intent>& intents) {
    switch (state.step) {
    case workflow::Step::Data:
        draw_data_panel(state, fonts, now, intents);
        break;
    case workflow::Step::Prompt:
        heading(fonts, "Prompt");
        line("Write the system prompt and the message template, then build and check the training files "
             "with exact token counts and cost.");
        break;
    case workflow::Step::FineTune:
        heading(fonts, "Fine-tune");
        line("Fine-tune a model through a provider (OpenAI, Azure OpenAI, Nebius, Together) and watch its "
             "loss and accuracy live.");
        ImGui::Spacing();
        ImGui::TextDisabled("OpenAI accepts no new fine-tuning jobs after 2027-01-06.");
        break;
    case workflow::Step::Evaluate:
        heading(fonts, "Evaluate");
        line("Score every candidate on the same held-out rows: prompted models, fine-tuned models and the "
             "classifier trained here in the browser.");
        break;
    case workflow::Step::Compare:
        heading(fonts, "Compare");
        line("Accuracy with 95 % intervals, per-class F1, confusion matrices and paired tests, side by side.");
        break;
    }
}

}  // namespace tb::ui
