#pragma once

#include <vector>

#include "core/workflow/intents.h"
#include "core/workflow/state.h"
#include "ui/draft_text.h"
#include "ui/step_panels.h"
#include "ui/style.h"

namespace tb::ui {

// The whole window: header with the experiment's name, the step bar, the current step's panel and the
// status line. Reads the state; what the person asks for is appended to `intents`.
class Workspace {
public:
    // `now` is the page clock in seconds (for rates and time left); `epoch_now` the wall clock (for dates).
    void draw(const workflow::State& state, const Fonts& fonts, double now, double epoch_now,
              std::vector<workflow::Intent>& intents);
    // The chart an Export PNG composed this frame, for the app to render and save.
    PlotImage& plot_image() { return steps_.plot_image(); }
    // The plots drawn lately, for automation.
    std::vector<PlotReport> plot_reports() const { return steps_.plot_reports(); }
    void set_map_feed(MapFeed* feed) { steps_.set_map_feed(feed); }
    const MapPanel& map_panel() const { return steps_.map_panel(); }

private:
    void draw_header(const workflow::State& state, const Fonts& fonts, std::vector<workflow::Intent>& intents);
    void draw_intro();

    DraftText name_;  // the experiment's name
    StepPanels steps_;
    bool intro_hidden_ = false;  // the person has read what Tuneboard is for and hid it
    workflow::Step shown_step_ = workflow::Step::Data;  // the step drawn last frame: a new one opens at its top
};

}  // namespace tb::ui
