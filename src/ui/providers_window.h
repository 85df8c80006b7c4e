#pragma once

#include <string>
#include <vector>

#include "core/workflow/intents.h"
#include "core/workflow/state.h"
#include "ui/draft_text.h"

namespace tb::ui {

// Where the person sets up providers: base URL, key (masked; remembered only on request), and a
// connection test that lists the models, marking those with a shutdown date.
class ProvidersWindow {
public:
    void draw(const workflow::State& state, std::vector<workflow::Intent>& intents);

private:
    void draw_key(const workflow::ProvidersState& providers, const api::Profile& profile,
                  std::vector<workflow::Intent>& intents);

    DraftText base_url_;
    // What is being typed into the key field: used only once the person finishes (Enter, paste, Use
    // key), never while typing, and only for the profile it was typed for.
    DraftText key_;
    std::string key_profile_;
    bool key_used_ = false;
};

}  // namespace tb::ui
