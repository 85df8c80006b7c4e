#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/workflow/intents.h"
#include "core/workflow/state.h"
#include "ui/draft_text.h"
#include "ui/plot_tools.h"
#include "ui/style.h"

namespace tb::ui {

// The Evaluate step: choose the candidates, run them on the test rows, watch each one's progress.
class EvaluatePanel {
public:
    void draw(const workflow::State& state, const Fonts& fonts, double now, PlotTools& tools,
              std::vector<workflow::Intent>& intents);

private:
    DraftText model_;            // the model typed for the next candidate
    DraftText embedding_model_;  // the embedding model typed for the next embeddings candidate
    std::map<std::string, plot::View> strength_views_;  // each embeddings candidate's plot of its strengths

    void draw_strengths(const workflow::State& state, const eval::Evaluation& e, PlotTools& tools,
                        std::vector<workflow::Intent>& intents);
};

}  // namespace tb::ui
