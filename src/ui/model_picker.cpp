#include "ui/model_picker.h"

#include <imgui.h>

namespace tb::ui {

bool draw_model_picker(const workflow::State& state, bool fine_tuning, std::string& profile_id, std::string& model,
                       DraftText& model_field, float width, std::vector<workflow::Intent>& intents) {
    bool changed = false;
    const api::Profile* profile = state.providers.find(profile_id);
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo("Provider", profile ? profile->name.c_str() : profile_id.c_str())) {
        for (const api::Profile& option : state.providers.profiles) {
            if (fine_tuning ? !option.can_fine_tune : !option.can_chat) continue;
            if (ImGui::Selectable(option.name.c_str(), option.id == profile_id)) {
                profile_id = option.id;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    if (profile && profile->needs_key && !state.providers.key_set(profile_id)) {
        ImGui::SameLine();
        if (ImGui::Button("Enter key…")) intents.push_back(workflow::ShowProviders{true});
    }

    ImGui::SetNextItemWidth(width);
    if (model_field.input("Model", model, ImVec2(0, 0))) {
        model = model_field.text();
        changed = true;
    }
    const auto test = state.providers.tests.find(profile_id);
    if (test != state.providers.tests.end() && !test->second.models.empty()) {
        ImGui::SameLine();
        if (ImGui::BeginCombo("##models", "from the provider", ImGuiComboFlags_NoPreview)) {
            for (const api::ModelInfo& info : test->second.models) {
                std::string label = info.id;
                if (info.shutdown_date) label += "  (shuts down " + *info.shutdown_date + ")";
                if (ImGui::Selectable(label.c_str(), info.id == model)) {
                    model = info.id;
                    changed = true;
                }
            }
            ImGui::EndCombo();
        }
    }
    return changed;
}

}  // namespace tb::ui
