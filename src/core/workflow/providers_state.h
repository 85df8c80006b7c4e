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
    std::string error;   // describe(ApiError): the provider's words, status, request id, what to do
    bool saved = false;  // the list is the one kept from an earlier visit, not asked for now
};

// Profiles and what is known of each. Keys are not here: the app keeps them apart, so nothing that
// shows or saves the state can ever carry one.
struct ProvidersState {
    std::vector<api::Profile> profiles = api::default_profiles();
    std::string selected = "openai";
    std::map<std::string, ConnectionTest> tests;  // by profile id
    std::map<std::string, bool> has_key;          // whether a key is set, for the UI
    std::map<std::string, bool> remember_key;     // opted in to keeping the key on this device
    // The base URL a kept key may go to (by profile). Present for a key remembered on this device (and
    // for one restored from it, until confirmed for the URL it now has): such a key is sent only while
    // the profile still points there, as a link or a reset may have moved it. "" for a key kept by a
    // version that did not record where it goes.
    std::map<std::string, std::string> key_for;
    bool open = false;     // the Providers window is shown
    bool unsaved = false;  // the settings document (base URLs, models, selection) changed

    api::Profile* find(const std::string& id);
    const api::Profile* find(const std::string& id) const;
    bool key_set(const std::string& id) const;
    bool key_remembered(const std::string& id) const;

    // The person finished entering a key (Enter, paste, Use key): it may go where the profile points now.
    void key_entered(const std::string& id);
    // A key found in this device's storage at start-up, kept for `url`.
    void key_restored(const std::string& id, const std::string& url);
    // Ticking keeps the key for the URL it may already go to; unticking leaves a held key held.
    void set_remember(const std::string& id, bool remember);
    // The person confirmed the held key may go to the profile's current base URL.
    void confirm_key(const std::string& id);
    void key_forgotten(const std::string& id);
    // Why the profile's key must not be sent now (it was kept for another base URL), or empty.
    std::string key_hold(const std::string& id) const;
};

// state().providers: {selected, open, profiles:[{id, name, baseUrl, dialect, canChat, canFineTune, hasKey,
// rememberKey, keyHeld, keyFor, test: {phase, models:[{id, ownedBy, shutdownDate}], error, saved}}]}.
// Never a key.
nlohmann::json providers_json(const ProvidersState& providers);

}  // namespace tb::workflow
