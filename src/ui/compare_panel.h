#pragma once

#include <vector>

#include "core/workflow/intents.h"
#include "ui/map_panel.h"
#include "ui/plot_tools.h"
#include "ui/style.h"

namespace tb::ui {

// The Compare step: every candidate's scores side by side, one candidate's per-class view, a paired
// test between two, a map of the split's rows (`map`, its data from `feed`), the rows themselves, and the
// exports. Besides the map's view it keeps nothing of its own between frames (the rows' filter and the
// candidates compared are in the State); `tools` composes the chart's PNG.
void draw_compare_panel(const workflow::State& state, const Fonts& fonts, PlotTools& tools, MapPanel& map,
                        MapFeed* feed, std::vector<workflow::Intent>& intents);

}  // namespace tb::ui
