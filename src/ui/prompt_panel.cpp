#include "ui/prompt_panel.h"

#include <imgui.h>

#include "core/text/format.h"
#include "core/text/utf8.h"
#include "ui/widgets.h"

namespace tb::ui {

namespace {

using workflow::TrainingFiles;

void draw_editors(const workflow::State& state, DraftText& system, DraftText& user,
                  std::vector<workflow::Intent>& intents) {
    const prompt::PromptSettings& settings = state.finetune.prompt;
    const TrainingFiles& files = state.finetune.files;
    const float width = ImGui::GetFontSize() * 44;

    ImGui::TextUnformatted("System prompt");
    help_marker("Sent first in every example. Left empty, Tuneboard writes one that names the chosen classes "
                "and asks for exactly one of them.");
    // An empty setting shows the default it stands for, so the person edits real text.
    const std::string& shown = settings.system.empty() ? files.system_prompt : settings.system;
    if (system.input("##system", shown, ImVec2(width, ImGui::GetFontSize() * 7))) {
        prompt::PromptSettings changed = settings;
        changed.system = system.text() == files.system_prompt ? std::string() : system.text();
        intents.push_back(workflow::SetPrompt{changed});
    }
    if (!settings.system.empty()) {
        if (ImGui::Button("Use the default system prompt")) {
            prompt::PromptSettings changed = settings;
            changed.system.clear();
            intents.push_back(workflow::SetPrompt{changed});
        }
    }

    ImGui::TextUnformatted("User message");
    help_marker("{text} is the row's text; any other column by its name in braces, such as {Issue} or "
                "{Company}. {{ and }} are literal braces. The answer the model learns is the row's label.");
    if (user.input("##user", settings.user, ImVec2(width, ImGui::GetFontSize() * 4))) {
        prompt::PromptSettings changed = settings;
        changed.user = user.text();
        intents.push_back(workflow::SetPrompt{changed});
    }
    if (!files.template_error.empty()) wrapped(kErrorColor, files.template_error);
}

void draw_preview(const workflow::State& state) {
    const TrainingFiles& files = state.finetune.files;
    if (files.preview.empty() || !state.data.dataset) return;
    const data::SplitRow& row = state.data.dataset->split.train.front();
    if (!ImGui::CollapsingHeader("Preview: the first training example", ImGuiTreeNodeFlags_DefaultOpen)) return;
    ImGui::TextDisabled("system");
    wrapped(files.system_prompt, 44);
    ImGui::TextDisabled("user");
    wrapped(files.preview.size() > 1500 ? std::string(text::cut_utf8(files.preview, 1500)) + "…" : files.preview, 44);
    ImGui::TextDisabled("assistant");
    ImGui::TextColored(kOkColor, "%s", row.label.c_str());
}

void draw_downloads(const TrainingFiles& files, std::vector<workflow::Intent>& intents) {
    if (files.training.empty()) return;
    if (ImGui::Button("Download training.jsonl")) intents.push_back(workflow::DownloadTrainingFile{false});
    ImGui::SameLine();
    ImGui::TextDisabled("%s", text::format_bytes(files.training.size()).c_str());
    if (files.validation.empty()) return;
    ImGui::SameLine();
    if (ImGui::Button("Download validation.jsonl")) intents.push_back(workflow::DownloadTrainingFile{true});
    ImGui::SameLine();
    ImGui::TextDisabled("%s", text::format_bytes(files.validation.size()).c_str());
}

void draw_report(const char* name, const prompt::CheckReport& report) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name);
    ImGui::TableNextColumn();
    ImGui::Text("%zu", report.examples);
    const prompt::Distribution& tokens = report.tokens_per_example;
    for (const double value : {tokens.min, tokens.median, tokens.p90, tokens.max}) {
        ImGui::TableNextColumn();
        ImGui::Text("%s", text::with_commas(static_cast<std::uint64_t>(value + 0.5)).c_str());
    }
    ImGui::TableNextColumn();
    ImGui::Text("%zu", report.over_limit_lines.size());
}

}  // namespace

void draw_files_check(const TrainingFiles& files) {
    if (files.training.empty()) return;
    if (files.tokens == TrainingFiles::Tokens::Waiting) {
        ImGui::TextDisabled("Counting tokens with %s…", files.encoding.c_str());
        return;
    }
    if (files.tokens == TrainingFiles::Tokens::Failed) {
        wrapped(kErrorColor, files.tokens_error);
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerV;
    if (ImGui::BeginTable("file checks", 7, flags)) {
        for (const char* column : {"File", "Examples", "Tokens min", "median", "p90", "max", "Over the limit"}) {
            ImGui::TableSetupColumn(column);
        }
        ImGui::TableHeadersRow();
        draw_report("training.jsonl", files.training_check);
        if (!files.validation.empty()) draw_report("validation.jsonl", files.validation_check);
        ImGui::EndTable();
    }
    ImGui::TextDisabled("Tokens counted exactly with %s, the cookbook's way (3 per message, 3 to prime the reply).",
                        files.encoding.c_str());
    bool any = false;
    for (const auto& [name, report] : {std::pair{"training.jsonl", &files.training_check},
                                       std::pair{"validation.jsonl", &files.validation_check}}) {
        for (const prompt::Finding& finding : prompt::findings(*report)) {
            wrapped(finding.blocking ? kErrorColor : kWarningColor, std::string(name) + ": " + finding.text);
            any = true;
        }
    }
    if (!any) ImGui::TextColored(kOkColor, "No problems found: both files are ready to upload.");
}

void draw_cost(const TrainingFiles& files) {
    if (files.tokens != TrainingFiles::Tokens::Counted) return;
    ImGui::TextUnformatted("Cost of training:");
    ImGui::SameLine();
    wrapped(files.cost.statement);
}

void PromptPanel::draw(const workflow::State& state, const Fonts& fonts, std::vector<workflow::Intent>& intents) {
    heading(fonts, "Prompt");
    if (!state.data.dataset) {
        wrapped("Open data in the Data step first: the prompt is written over its columns and classes.");
        return;
    }
    draw_editors(state, system_, user_, intents);
    ImGui::Spacing();
    draw_preview(state);
    ImGui::Spacing();
    if (ImGui::CollapsingHeader("Training files", ImGuiTreeNodeFlags_DefaultOpen)) {
        draw_downloads(state.finetune.files, intents);
        draw_files_check(state.finetune.files);
        draw_cost(state.finetune.files);
    }
}

}  // namespace tb::ui
