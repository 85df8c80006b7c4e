#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/workflow/providers_state.h"

namespace tb::workflow {

// The person's provider settings on this device, kept apart from the experiment (an experiment is
// exported and shared; where one's providers are is one's own): the selected profile and, per profile,
// its base URL and the models it last listed. Never a key, nor which profiles have one.
// {"version": 1, "selected": "openai", "profiles": {"<id>": {"baseUrl": "…", "models": [{id, ownedBy,
// shutdownDate}]}}}
nlohmann::json providers_settings_json(const ProvidersState& providers);

// Puts saved settings back (unknown profiles and fields of the wrong type are passed over; a base URL is
// restored as the person left it, even half-typed). Returns what could not be used, or empty.
std::string restore_providers_settings(ProvidersState& providers, const nlohmann::json& json);

// A shared link's choice (api::parse_link_fragment), put on top of the restored settings: it selects the
// profile, points it at the link's base URL and opens the window. It is not saved by itself, and a key
// kept for another address is held back until the person confirms (ProvidersState::key_hold).
void apply_link(ProvidersState& providers, const api::LinkChoice& link);

}  // namespace tb::workflow
