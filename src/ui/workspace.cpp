#include "ui/workspace.h"

#include <algorithm>
#include <string>

#include <imgui.h>

#include "ui/status_bar.h"
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

// What Tuneboard is for and which steps need a key, in two lines a first-time reader takes in at a glance.
void Workspace::draw_intro() {
    if (intro_hidden_) return;
    ImGui::Spacing();
    // Wrapped short of the Hide button, which sits at the text's top right, and never wider than a line is
    // comfortable to read.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float button = ImGui::CalcTextSize("Hide").x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    const float width = std::min(ImGui::GetContentRegionAvail().x - button, ImGui::GetFontSize() * 64);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted("Tuneboard finds what classifies your labelled texts best: prompting a model, fine-tuning "
                           "one, or a classifier trained in this page, all scored on the same held-out rows. "
                           "Prompting, fine-tuning and embeddings need a provider's API key (Providers); the "
                           "in-browser classifier needs none.");
    ImGui::PopTextWrapPos();
    ImGui::SameLine();
    if (ImGui::SmallButton("Hide")) intro_hidden_ = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Hide this introduction until the page is reloaded.");
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
    draw_intro();
    ImGui::Spacing();
    draw_step_bar(state, intents);
    ImGui::Separator();

    const float status_height = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    // The steps share one scroll: a step chosen (by the bar or a Next button) opens at its top, not where
    // the last one was left.
    if (state.step != shown_step_) {
        ImGui::SetNextWindowScroll(ImVec2(0, 0));
        shown_step_ = state.step;
    }
    ImGui::BeginChild("panel", ImVec2(0, -status_height), ImGuiChildFlags_None, ImGuiWindowFlags_None);
    steps_.draw(state, fonts, now, epoch_now, intents);
    ImGui::EndChild();

    ImGui::Separator();
    draw_status_bar(state, intents);
    ImGui::End();
}

}  // namespace tb::ui
