#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/finetune/tracked_job.h"
#include "core/plot/view.h"
#include "core/workflow/intents.h"
#include "core/workflow/state.h"
#include "ui/draft_text.h"
#include "ui/plot_tools.h"

namespace tb::ui {

// One job in full: its status on a timeline, what it has trained, its curves (with the other jobs'
// overlaid on request), checkpoints, and the events log. Cancel asks first. Whichever job it shows, the
// view keeps for the page's life each job's plot views, whether to overlay, and the events' filter.
class JobView {
public:
    void draw(const workflow::State& state, const finetune::TrackedJob& job, double epoch_now, PlotTools& tools,
              std::vector<workflow::Intent>& intents);

private:
    void draw_curves(const workflow::State& state, const finetune::TrackedJob& tracked, PlotTools& tools,
                     std::vector<workflow::Intent>& intents);
    void draw_events(const finetune::TrackedJob& tracked);

    std::map<std::string, plot::View> views_;  // per job and plot
    bool overlay_ = false;                     // the other jobs' curves drawn too
    // The events shown: those whose message holds the filter typed (the field edits its own draft), at
    // the level chosen.
    std::string filter_;
    DraftText filter_field_;
    int level_ = 0;  // 0 all, 1 warnings and errors, 2 errors
};

}  // namespace tb::ui
