#include "ui/workspace.h"

#include <string>

#include <imgui.h>

#include "ui/widgets.h"

namespace tb::ui {

namespace {

void draw_step_bar(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const float font = ImGui::GetFontSize();
    const ImVec2 size(font * 8.5f, ImGui::GetFrameHeight() * 1.15f);
    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.55f, 0.5f));
    int number = 1;
    for (workflow::Step step : workflow::kSteps) {
        if (number > 1) ImGui::SameLine();
        const bool current = state.step == step;
        const std::string label = std::string(workflow::step_label(step)) + "##step";
        // The step's number is drawn beside the label, not in it, so automation finds the button by
        // the step's name alone.
        const ImVec2 corner = ImGui::GetCursorScreenPos();
        if (ImGui::Selectable(label.c_str(), current, 0, size)) intents.push_back(workflow::SelectStep{step});
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImVec2 center(corner.x + font * 1.1f, corner.y + size.y * 0.5f);
        draw->AddCircleFilled(center, font * 0.62f,
                              ImGui::GetColorU32(current ? ImGuiCol_Text : ImGuiCol_FrameBg));
        const std::string digit = std::to_string(number);
        const ImVec2 digit_size = ImGui::CalcTextSize(digit.c_str());
        draw->AddText(ImVec2(center.x - digit_size.x * 0.5f, center.y - digit_size.y * 0.5f),
                      ImGui::GetColorU32(current ? ImGuiCol_WindowBg : ImGuiCol_Text), digit.c_str());
        ++number;
    }
    ImGui::PopStyleVar();
}

void draw_status_line(const workflow::State& state) {
    const bool error = state.status.level == workflow::Status::Level::Error;
    if (error) ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    // One line at the page's foot: a long message ends in "…" and shows whole when hovered.
    text_cut(state.status.text.empty() ? std::string("Ready.") : state.status.text);
    if (error) ImGui::PopStyleColor();
}

}  // namespace

void Workspace::draw_header(const workflow::State& state, const Fonts& fonts, std::vector<workflow::Intent>& intents) {
    ImGui::PushFont(fonts.heading);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Tuneboard");
    ImGui::PopFont();
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);

    if (name_.input("Experiment name", state.experiment_name, ImVec2(ImGui::GetFontSize() * 22, 0))) {
        intents.push_back(workflow::RenameExperiment{name_.text()});
    }
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    if (ImGui::Button("Providers")) intents.push_back(workflow::ShowProviders{!state.providers.open});
}

void Workspace::draw(const workflow::State& state, const Fonts& fonts, double now, double epoch_now,
                     std::vector<workflow::Intent>& intents) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Tuneboard##workspace", nullptr, kFlags);

    draw_header(state, fonts, intents);
    ImGui::Spacing();
    draw_step_bar(state, intents);
    ImGui::Separator();

    const float status_height = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginChild("panel", ImVec2(0, -status_height), ImGuiChildFlags_None, ImGuiWindowFlags_None);
    steps_.draw(state, fonts, now, epoch_now, intents);
    ImGui::EndChild();

    ImGui::Separator();
    draw_status_line(state);
    ImGui::End();
}

}  // namespace tb::ui
