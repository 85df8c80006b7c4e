#include "ui/providers_window.h"

#include <imgui.h>

#include "core/api/request_limits.h"
#include "ui/style.h"

namespace tb::ui {

namespace {

void draw_models(const workflow::ConnectionTest& test) {
    if (test.saved) {
        ImGui::TextDisabled("%zu models, as listed on an earlier visit (Test connection lists them again).",
                            test.models.size());
    } else {
        ImGui::TextColored(kOkColor, "Connected: %zu models.", test.models.size());
    }
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

void ProvidersWindow::draw_key(const workflow::ProvidersState& providers, const api::Profile& profile,
                               std::vector<workflow::Intent>& intents) {
    if (key_profile_ != profile.id) {  // a key typed for another provider never goes to this one
        key_.clear();
        key_profile_ = profile.id;
        key_used_ = false;
    }
    const bool has_key = providers.key_set(profile.id);
    const std::string before = key_.text();
    // Masked, and never copied out; pasting works. The draft is its own value, so it outlives focus
    // (clicking Use key takes focus away from the field).
    const bool entered = key_.input("API key", key_.text(), ImVec2(ImGui::GetFontSize() * 26, 0),
                                    ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    const ImGuiIO& io = ImGui::GetIO();
    const bool pasted = key_.text() != before && ((ImGui::IsKeyPressed(ImGuiKey_V) && (io.KeyCtrl || io.KeySuper)) ||
                                                  (ImGui::IsKeyPressed(ImGuiKey_Insert) && io.KeyShift));
    const bool active = ImGui::IsItemActive();
    ImGui::SameLine();
    ImGui::BeginDisabled(key_.text().empty());
    const bool use = ImGui::Button("Use key");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextDisabled(has_key ? "(set)" : "(none)");
    if ((entered || pasted || use) && !key_.text().empty()) {
        intents.push_back(workflow::SetKey{profile.id, key_.text()});
        key_used_ = true;
    } else if (key_.text() != before) {
        key_used_ = false;  // typing again after a paste: a new key, used when finished
    }
    if (key_used_ && !active) {
        key_.clear();
        key_used_ = false;
    }
    if (!key_.text().empty() && !key_used_) {
        ImGui::TextDisabled("Press Enter or Use key when the key is complete: nothing is sent before.");
    }

    bool remember = providers.key_remembered(profile.id);
    if (ImGui::Checkbox("Remember on this device", &remember)) {
        intents.push_back(workflow::SetRememberKey{profile.id, remember});
    }
    ImGui::SameLine();
    if (ImGui::Button("Forget")) intents.push_back(workflow::ForgetKey{profile.id});
    ImGui::TextColored(kWarningColor, "%s",
                       remember ? "The key is kept in this browser's storage: anyone using this browser profile can read it."
                                : "The key is kept in memory only, and goes to this provider alone.");
    if (const std::string held = providers.key_hold(profile.id); !held.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        ImGui::TextWrapped("%s", held.c_str());
        ImGui::PopStyleColor();
        if (ImGui::Button("Send key to this URL")) intents.push_back(workflow::ConfirmKey{profile.id});
    }
}

void ProvidersWindow::draw(const workflow::State& state, std::vector<workflow::Intent>& intents) {
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

    if (base_url_.input("Base URL", profile->base_url, ImVec2(ImGui::GetFontSize() * 26, 0))) {
        intents.push_back(workflow::SetBaseUrl{profile->id, base_url_.text()});
    }
    if (profile->needs_key) draw_key(providers, *profile, intents);

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
                if (ImGui::Button("Cancel test")) intents.push_back(workflow::CancelTest{profile->id});
                ImGui::SameLine();
                ImGui::TextDisabled("asking for the model list (at most %d s)…",
                                    static_cast<int>(api::limits_of(api::RequestKind::Metadata).timeout_seconds));
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
