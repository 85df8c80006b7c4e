#include "core/workflow/providers_state.h"

namespace tb::workflow {

namespace {
bool flag(const std::map<std::string, bool>& flags, const std::string& id) {
    const auto found = flags.find(id);
    return found != flags.end() && found->second;
}
}  // namespace

api::Profile* ProvidersState::find(const std::string& id) {
    for (api::Profile& profile : profiles) {
        if (profile.id == id) return &profile;
    }
    return nullptr;
}

const api::Profile* ProvidersState::find(const std::string& id) const {
    return api::find_profile(profiles, id);
}

bool ProvidersState::key_set(const std::string& id) const { return flag(has_key, id); }

bool ProvidersState::key_remembered(const std::string& id) const { return flag(remember_key, id); }

void ProvidersState::key_entered(const std::string& id) {
    has_key[id] = true;
    tests.erase(id);
    const api::Profile* profile = find(id);
    if (key_remembered(id) && profile != nullptr) {
        key_for[id] = profile->base_url;
    } else {
        key_for.erase(id);  // typed now, for the address in view: it follows the person's own edits
    }
}

void ProvidersState::key_restored(const std::string& id, const std::string& url) {
    has_key[id] = true;
    remember_key[id] = true;
    key_for[id] = url;
}

void ProvidersState::set_remember(const std::string& id, bool remember) {
    remember_key[id] = remember;
    const api::Profile* profile = find(id);
    if (profile == nullptr) return;
    if (remember) {
        key_for.emplace(id, profile->base_url);  // a held key stays held: ticking is no confirmation
    } else if (key_hold(id).empty()) {
        key_for.erase(id);
    }
}

void ProvidersState::confirm_key(const std::string& id) {
    if (const api::Profile* profile = find(id)) key_for[id] = profile->base_url;
    tests.erase(id);
}

void ProvidersState::key_forgotten(const std::string& id) {
    has_key[id] = false;
    remember_key[id] = false;
    key_for.erase(id);
    tests.erase(id);
}

std::string ProvidersState::key_hold(const std::string& id) const {
    const auto bound = key_for.find(id);
    const api::Profile* profile = find(id);
    if (bound == key_for.end() || profile == nullptr || !key_set(id) || bound->second == profile->base_url) {
        return {};
    }
    const std::string was = bound->second.empty() ? "an address this browser did not record" : bound->second;
    return "The key kept for " + profile->name + " was meant for " + was + ", and the base URL is now " +
           profile->base_url + ": it is not sent there until you confirm it in Providers first (Send key to this URL).";
}

nlohmann::json providers_json(const ProvidersState& providers) {
    static constexpr const char* kPhases[] = {"untested", "testing", "ok", "failed"};
    auto profiles = nlohmann::json::array();
    for (const api::Profile& profile : providers.profiles) {
        const auto bound = providers.key_for.find(profile.id);
        nlohmann::json item = {{"id", profile.id},
                               {"name", profile.name},
                               {"baseUrl", profile.base_url},
                               {"dialect", profile.dialect == api::Dialect::Together ? "together" : "openai"},
                               {"canChat", profile.can_chat},
                               {"canFineTune", profile.can_fine_tune},
                               {"hasKey", providers.key_set(profile.id)},
                               {"rememberKey", providers.key_remembered(profile.id)},
                               {"keyHeld", !providers.key_hold(profile.id).empty()},
                               {"keyFor", bound == providers.key_for.end() ? nlohmann::json() : nlohmann::json(bound->second)}};
        if (const auto test = providers.tests.find(profile.id); test != providers.tests.end()) {
            auto models = nlohmann::json::array();
            for (const api::ModelInfo& model : test->second.models) {
                models.push_back({{"id", model.id},
                                  {"ownedBy", model.owned_by},
                                  {"shutdownDate", model.shutdown_date ? nlohmann::json(*model.shutdown_date) : nlohmann::json()}});
            }
            item["test"] = {{"phase", kPhases[static_cast<int>(test->second.phase)]},
                            {"models", models},
                            {"error", test->second.error},
                            {"saved", test->second.saved}};
        }
        profiles.push_back(std::move(item));
    }
    return {{"selected", providers.selected}, {"open", providers.open}, {"profiles", profiles}};
}

}  // namespace tb::workflow
