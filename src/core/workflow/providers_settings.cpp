#include "core/workflow/providers_settings.h"

#include "core/text/json_fields.h"

namespace tb::workflow {

namespace {
constexpr int kVersion = 1;
// A base URL longer than this is no one's typing: the document was damaged.
constexpr std::size_t kMaxBaseUrl = 2048;
}  // namespace

nlohmann::json providers_settings_json(const ProvidersState& providers) {
    nlohmann::json profiles = nlohmann::json::object();
    for (const api::Profile& profile : providers.profiles) {
        nlohmann::json item = {{"baseUrl", profile.base_url}};
        const auto test = providers.tests.find(profile.id);
        if (test != providers.tests.end() && test->second.phase == ConnectionTest::Phase::Ok) {
            auto models = nlohmann::json::array();
            for (const api::ModelInfo& model : test->second.models) {
                models.push_back({{"id", model.id},
                                  {"ownedBy", model.owned_by},
                                  {"shutdownDate", model.shutdown_date ? nlohmann::json(*model.shutdown_date) : nlohmann::json()}});
            }
            item["models"] = std::move(models);
        }
        profiles[profile.id] = std::move(item);
    }
    return {{"version", kVersion}, {"selected", providers.selected}, {"profiles", profiles}};
}

std::string restore_providers_settings(ProvidersState& providers, const nlohmann::json& json) {
    if (!json.is_object()) return "the saved provider settings are not a JSON object; the defaults are used.";
    if (text::field_or(json, "version", 0) > kVersion) {
        return "the saved provider settings come from a newer Tuneboard; the defaults are used.";
    }
    std::string problems;
    const auto note = [&](const std::string& text) { problems += (problems.empty() ? "" : " ") + text; };
    const std::string selected = text::field_or(json, "selected", std::string());
    if (providers.find(selected) != nullptr) providers.selected = selected;
    if (!json.contains("profiles") || !json["profiles"].is_object()) return problems;
    for (const auto& [id, saved] : json["profiles"].items()) {
        api::Profile* profile = providers.find(id);
        if (profile == nullptr || !saved.is_object()) continue;  // a profile this version no longer has
        std::string url = profile->base_url;
        text::read_field(saved, "baseUrl", url);
        if (url.size() > kMaxBaseUrl) {
            note("The saved base URL of " + profile->name + " is " + std::to_string(url.size()) +
                 " characters long, which no address is: its default is used.");
        } else {
            profile->base_url = url;
        }
        if (!saved.contains("models") || !saved["models"].is_array()) continue;
        ConnectionTest test{ConnectionTest::Phase::Ok, {}, {}, /*saved=*/true};
        for (const auto& model : saved["models"]) {
            api::ModelInfo info;
            text::read_field(model, "id", info.id);
            text::read_field(model, "ownedBy", info.owned_by);
            if (model.is_object() && model.contains("shutdownDate") && model["shutdownDate"].is_string()) {
                info.shutdown_date = model["shutdownDate"].get<std::string>();
            }
            if (!info.id.empty()) test.models.push_back(std::move(info));
        }
        providers.tests[id] = std::move(test);
    }
    return problems;
}

void apply_link(ProvidersState& providers, const api::LinkChoice& link) {
    if (providers.find(link.provider)) providers.selected = link.provider;
    api::Profile* profile = providers.find(providers.selected);
    if (profile != nullptr && !link.base_url.empty() && profile->base_url != link.base_url) {
        profile->base_url = link.base_url;
        providers.tests.erase(profile->id);  // the models of another address
    }
    providers.open = true;
}

}  // namespace tb::workflow
