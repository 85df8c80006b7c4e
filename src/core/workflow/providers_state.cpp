#include "core/workflow/providers_state.h"

namespace tb::workflow {

api::Profile* ProvidersState::find(const std::string& id) {
    for (api::Profile& profile : profiles) {
        if (profile.id == id) return &profile;
    }
    return nullptr;
}

const api::Profile* ProvidersState::find(const std::string& id) const {
    return api::find_profile(profiles, id);
}

nlohmann::json providers_json(const ProvidersState& providers) {
    static constexpr const char* kPhases[] = {"untested", "testing", "ok", "failed"};
    const auto flag = [](const std::map<std::string, bool>& flags, const std::string& id) {
        const auto found = flags.find(id);
        return found != flags.end() && found->second;
    };
    auto profiles = nlohmann::json::array();
    for (const api::Profile& profile : providers.profiles) {
        nlohmann::json item = {{"id", profile.id},
                               {"name", profile.name},
                               {"baseUrl", profile.base_url},
                               {"dialect", profile.dialect == api::Dialect::Together ? "together" : "openai"},
                               {"canChat", profile.can_chat},
                               {"canFineTune", profile.can_fine_tune},
                               {"hasKey", flag(providers.has_key, profile.id)},
                               {"rememberKey", flag(providers.remember_key, profile.id)}};
        if (const auto test = providers.tests.find(profile.id); test != providers.tests.end()) {
            auto models = nlohmann::json::array();
            for (const api::ModelInfo& model : test->second.models) {
                models.push_back({{"id", model.id},
                                  {"ownedBy", model.owned_by},
                                  {"shutdownDate", model.shutdown_date ? nlohmann::json(*model.shutdown_date) : nlohmann::json()}});
            }
            item["test"] = {{"phase", kPhases[static_cast<int>(test->second.phase)]},
                            {"models", models},
                            {"error", test->second.error}};
        }
        profiles.push_back(std::move(item));
    }
    return {{"selected", providers.selected}, {"open", providers.open}, {"profiles", profiles}};
}

}  // namespace tb::workflow
