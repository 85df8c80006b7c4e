#pragma once

#include <string>
#include <vector>

#include "core/workflow/intents.h"
#include "core/workflow/state.h"
#include "ui/draft_text.h"
#include "ui/job_view.h"
#include "ui/local_model_panel.h"
#include "ui/plot_tools.h"
#include "ui/style.h"

namespace tb::ui {

// The Fine-tune step, in two tabs. Through a provider: choose provider, model and hyperparameters, see
// the cost, start a job (after a confirmation that states the cost), attach existing jobs, and follow
// each job live. In the browser: the classifier trained in the page (ui/local_model_panel.h).
class FinetunePanel {
public:
    void draw(const workflow::State& state, const Fonts& fonts, double epoch_now, PlotTools& tools,
              std::vector<workflow::Intent>& intents);

private:
    void draw_provider_tab(const workflow::State& state, double epoch_now, PlotTools& tools,
                           std::vector<workflow::Intent>& intents);
    void draw_settings(const workflow::State& state, std::vector<workflow::Intent>& intents);
    void draw_prices(const workflow::State& state, std::vector<workflow::Intent>& intents);
    void draw_attach(const workflow::State& state, std::vector<workflow::Intent>& intents);

    // The new job's model and suffix, and the edits of the price table.
    DraftText model_, suffix_, price_edits_;
    // The job id typed is the UI's own until Attach is pressed (the field edits its own draft of it).
    std::string job_id_;
    DraftText job_id_field_;
    JobView job_view_;
    LocalModelSection local_model_;
};

}  // namespace tb::ui
