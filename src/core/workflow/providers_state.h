#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/api/fine_tuning.h"
#include "core/api/profiles.h"

namespace tb::workflow {

// The outcome of "Test connection" for a profile.
struct ConnectionTest {
    enum class Phase { Untested, Testing, Ok, Failed };
    Phase phase = Phase::Untested;
    std::vector<api::ModelInfo> models;
    std::string error;  // describe(ApiError): the provider's words, status, request id, what to do
};

// Profiles and what is known of each. Keys are not here: the app keeps them apart, so nothing that
// shows or saves the state can ever carry one.
struct ProvidersState {
    std::vector<api::Profile> profiles = api::default_profiles();
    std::string selected = "openai";
    std::map<std::string, ConnectionTest> tests;  // by profile id
    std::map<std::string, bool> has_key;          // whether a key is set, for the UI
    std::map<std::string, bool> remember_key;     // opted in to keeping the key on this device
    bool open = false;                            // the Providers window is shown

    api::Profile* find(const std::string& id);
    const api::Profile* find(const std::string& id) const;
};

// state().providers: {selected, open, profiles:[{id, name, baseUrl, dialect, canChat, canFineTune, hasKey,
// rememberKey, test: {phase, models:[{id, ownedBy, shutdownDate}], error}}]}. Never a key.
nlohmann::json providers_json(const ProvidersState& providers);

}  // namespace tb::workflow
