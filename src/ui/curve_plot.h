#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/plot/series.h"
#include "core/plot/view.h"
#include "core/workflow/intents.h"
#include "ui/plot_tools.h"

namespace tb::ui {

// What a curve plot shows, for the page and for its exported image.
struct CurvePlotText {
    std::string title;      // the exported image's title, e.g. "In-browser classifier: loss"
    AxisTitles axes;        // with units
    std::string rows;       // what the curves were computed on, e.g. "100 training rows, 100 validation rows"
    std::string file_stem;  // Export CSV and Export PNG save <file_stem>.csv and <file_stem>.png
};

// A training-curve plot (ui/plot_canvas.h) `height` high, drawn with `tools`. `id` names this plot
// among all the page shows.
void draw_curve_plot(PlotTools& tools, const char* id, const CurvePlotText& text, std::span<const plot::Series> series,
                     plot::View& view, float height, std::vector<workflow::Intent>& intents);

}  // namespace tb::ui
