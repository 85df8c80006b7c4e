#include "ui/providers_window.h"

#include <imgui.h>

#include "ui/draft_text.h"
#include "ui/style.h"

namespace tb::ui {

namespace {

void draw_models(const workflow::ConnectionTest& test) {
    ImGui::TextColored(kOkColor, "Connected: %zu models.", test.models.size());
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("models", 3, flags, ImVec2(0, ImGui::GetFontSize() * 14))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Model");
    ImGui::TableSetupColumn("Owned by");
    ImGui::TableSetupColumn("Shuts down");
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(test.models.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const api::ModelInfo& model = test.models[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(model.id.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(model.owned_by.c_str());
            ImGui::TableNextColumn();
            if (model.shutdown_date) ImGui::TextColored(kWarningColor, "%s", model.shutdown_date->c_str());
        }
    }
    ImGui::EndTable();
}

}  // namespace

void draw_providers_window(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const workflow::ProvidersState& providers = state.providers;
    if (!providers.open) return;
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 40, ImGui::GetFontSize() * 32), ImGuiCond_FirstUseEver);
    bool open = true;
    if (!ImGui::Begin("Providers", &open, ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    if (!open) intents.push_back(workflow::ShowProviders{false});

    const api::Profile* profile = providers.find(providers.selected);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20);
    if (ImGui::BeginCombo("Provider", profile ? profile->name.c_str() : "")) {
        for (const api::Profile& option : providers.profiles) {
            if (ImGui::Selectable(option.name.c_str(), profile && option.id == profile->id)) {
                intents.push_back(workflow::SelectProfile{option.id});
            }
        }
        ImGui::EndCombo();
    }
    if (profile == nullptr) {
        ImGui::End();
        return;
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", profile->note.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Text("Can: %s%s", profile->can_chat ? "chat" : "", profile->can_fine_tune ? ", fine-tune" : "");

    static DraftText base_url;
    if (base_url.input("Base URL", profile->base_url, ImVec2(ImGui::GetFontSize() * 26, 0))) {
        intents.push_back(workflow::SetBaseUrl{profile->id, base_url.text()});
    }

    const auto flag = [](const std::map<std::string, bool>& flags, const std::string& id) {
        const auto found = flags.find(id);
        return found != flags.end() && found->second;
    };
    const bool has_key = flag(providers.has_key, profile->id);
    if (profile->needs_key) {
        static DraftText key;
        // Masked, and never copied out; pasting works.
        if (key.input("API key", "", ImVec2(ImGui::GetFontSize() * 26, 0), ImGuiInputTextFlags_Password)) {
            intents.push_back(workflow::SetKey{profile->id, key.text()});
        }
        ImGui::SameLine();
        ImGui::TextDisabled(has_key ? "(set)" : "(none)");
        bool remember = flag(providers.remember_key, profile->id);
        if (ImGui::Checkbox("Remember on this device", &remember)) {
            intents.push_back(workflow::SetRememberKey{profile->id, remember});
        }
        ImGui::SameLine();
        if (ImGui::Button("Forget")) intents.push_back(workflow::ForgetKey{profile->id});
        ImGui::TextColored(kWarningColor, "%s",
                           remember ? "The key is kept in this browser's storage: anyone using this browser profile can read it."
                                    : "The key is kept in memory only, and goes to this provider alone.");
    }

    ImGui::Spacing();
    const auto found = providers.tests.find(profile->id);
    const bool testing = found != providers.tests.end() && found->second.phase == workflow::ConnectionTest::Phase::Testing;
    ImGui::BeginDisabled(testing);
    if (ImGui::Button("Test connection")) intents.push_back(workflow::TestConnection{profile->id});
    ImGui::EndDisabled();
    if (found != providers.tests.end()) {
        const workflow::ConnectionTest& test = found->second;
        switch (test.phase) {
            case workflow::ConnectionTest::Phase::Testing:
                ImGui::SameLine();
                ImGui::TextDisabled("asking for the model list…");
                break;
            case workflow::ConnectionTest::Phase::Ok:
                draw_models(test);
                break;
            case workflow::ConnectionTest::Phase::Failed:
                ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
                ImGui::TextWrapped("%s", test.error.c_str());
                ImGui::PopStyleColor();
                break;
            case workflow::ConnectionTest::Phase::Untested:
                break;
        }
    }
    ImGui::End();
}

}  // namespace tb::ui
