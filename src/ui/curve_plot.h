#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/plot/series.h"
#include "core/plot/view.h"
#include "core/workflow/intents.h"
#include "ui/plot_tools.h"

namespace tb::ui {

// A training-curve plot (ui/plot_canvas.h) `height` high, drawn with `tools`, whose Export CSV and Export
// PNG save `<file_stem>.csv` and `<file_stem>.png`. `key` names this plot among all the page shows.
void draw_curve_plot(PlotTools& tools, const std::string& key, const char* id, const std::string& file_stem,
                     std::span<const plot::Series> series, plot::View& view, float height,
                     std::vector<workflow::Intent>& intents);

}  // namespace tb::ui
