#pragma once

#include <vector>

#include "core/workflow/intents.h"
#include "core/workflow/state.h"
#include "ui/data_panel.h"
#include "ui/evaluate_panel.h"
#include "ui/finetune_panel.h"
#include "ui/map_panel.h"
#include "ui/plot_tools.h"
#include "ui/prompt_panel.h"
#include "ui/style.h"

namespace tb::ui {

// The panel of the current step. Each step's panel lives as long as the page, shown or not: plot views,
// filters and the part of the split open stay as the person left them.
class StepPanels {
public:
    void draw(const workflow::State& state, const Fonts& fonts, double now, double epoch_now,
              std::vector<workflow::Intent>& intents);
    PlotImage& plot_image() { return plots_.image; }
    std::vector<PlotReport> plot_reports() const { return plots_.canvas.reports(); }
    void set_map_feed(MapFeed* feed) { map_feed_ = feed; }
    const MapPanel& map_panel() const { return map_; }

private:
    DataPanel data_;
    PromptPanel prompt_;
    FinetunePanel finetune_;
    EvaluatePanel evaluate_;
    MapPanel map_;  // the Compare step's map; the rest of that step keeps nothing of its own
    MapFeed* map_feed_ = nullptr;
    PlotTools plots_;  // shared by the Fine-tune step's curves and the Compare step's chart
};

}  // namespace tb::ui
