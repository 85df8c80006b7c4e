#pragma once

#include <vector>

#include "core/workflow/intents.h"
#include "ui/plot_tools.h"
#include "ui/style.h"

namespace tb::ui {

// The Compare step: every candidate's scores side by side, one candidate's per-class view, a paired
// test between two, the rows themselves, and the exports. It keeps nothing of its own between frames
// (the rows' filter and the candidates compared are in the State); `tools` composes the chart's PNG.
void draw_compare_panel(const workflow::State& state, const Fonts& fonts, PlotTools& tools,
                        std::vector<workflow::Intent>& intents);

}  // namespace tb::ui
