#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/workflow/state.h"

namespace tb::workflow {

// The experiment as one JSON document: what is saved in the browser and restored on reload. It holds
// the dataset's summary and the split with its rows' texts, so a reload needs no file. Never a key.
// The evaluations' answers are included for export; the browser keeps them under a key of their own.
nlohmann::json experiment_to_json(const State& state, bool with_evaluation = true);

// Restores a saved experiment into `state`. Returns an empty string, or what was wrong with it (the
// state is then left as it was).
std::string restore_experiment(State& state, const nlohmann::json& json);

nlohmann::json to_json(const data::LoadSettings& settings);
data::LoadSettings load_settings_from_json(const nlohmann::json& json);
nlohmann::json to_json(const data::SplitSettings& settings);
data::SplitSettings split_settings_from_json(const nlohmann::json& json);

}  // namespace tb::workflow
