#pragma once

#include <vector>

#include "core/workflow/intents.h"
#include "core/workflow/state.h"
#include "ui/draft_text.h"
#include "ui/style.h"

namespace tb::ui {

// The Evaluate step: choose the candidates, run them on the test rows, watch each one's progress.
class EvaluatePanel {
public:
    void draw(const workflow::State& state, const Fonts& fonts, double now, std::vector<workflow::Intent>& intents);

private:
    DraftText model_;            // the model typed for the next candidate
    DraftText embedding_model_;  // the embedding model typed for the next embeddings candidate
};

}  // namespace tb::ui
