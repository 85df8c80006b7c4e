#pragma once

#include <string>
#include <vector>

#include "core/workflow/intents.h"
#include "ui/draft_text.h"

namespace tb::ui {

// A provider (those that fine-tune, or those that chat), an "Enter key…" button while it has no key,
// the model typed, and the provider's own list once a connection test has fetched it. Returns true when
// `profile` or `model` changed.
bool draw_model_picker(const workflow::State& state, bool fine_tuning, std::string& profile, std::string& model,
                       DraftText& model_field, float width, std::vector<workflow::Intent>& intents);

}  // namespace tb::ui
