#include "ui/status_bar.h"

#include <string>

#include <imgui.h>

#include "ui/style.h"
#include "ui/widgets.h"

namespace tb::ui {

namespace {

// Only what is worth saying (a file read, a run finished, an error): with no message the line is empty.
// Kept left of `right_x`; a message too long for it ends in "…" and is given whole on hover.
void draw_status(const workflow::State& state, float right_x) {
    if (state.status.text.empty()) return;
    const bool error = state.status.level == workflow::Status::Level::Error;
    // An error says so in words too, not by its colour alone.
    const std::string text = (error ? "Error: " : "") + state.status.text;
    if (error) ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    text_cut(text, right_x - ImGui::GetCursorScreenPos().x);
    if (error) ImGui::PopStyleColor();
}

}  // namespace

void draw_status_bar(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    const auto next = workflow::next_step(state.step);
    // Every later step works on the split: before there is one, what to do next is in the Data step itself.
    const bool offered = next && state.data.dataset && !state.data.dataset->split.test.empty();
    const std::string label = offered ? std::string(next->action) : std::string();
    const float button = offered ? ImGui::CalcTextSize(label.c_str()).x + style.FramePadding.x * 2 : 0.0f;
    const float top = ImGui::GetCursorScreenPos().y;
    ImGui::AlignTextToFramePadding();
    draw_status(state, right - button - style.ItemSpacing.x * 2);
    if (!offered) return;
    ImGui::SetCursorScreenPos(ImVec2(right - button, top));
    if (ImGui::Button(label.c_str())) intents.push_back(workflow::SelectStep{next->step});
}

}  // namespace tb::ui
