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

}  // namespace tb::workflow
