#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <imgui.h>

#include "ui/plot_image.h"

namespace tb::ui {

// One candidate's accuracy on the test rows with its 95 % interval (all in [0, 1]).
struct AccuracyBar {
    std::string name;      // candidate name shown at the left, e.g. "gpt-4o-mini (zero-shot)"
    double accuracy = 0, low = 0, high = 0;
    std::size_t rows = 0;  // how many rows scored (for the tooltip: "0.88 (88 of 100); 95 % CI 0.80–0.93")
    bool partial = false;  // not all rows answered yet: drawn fainter, tooltip says so
};
// What the accuracy chart says besides its bars.
struct AccuracyChartText {
    std::string x_axis;       // e.g. "Accuracy on the 100 test rows (share right; whiskers: 95 % interval)"
    double baseline = 0;      // the majority-class baseline's accuracy, a reference line; NaN: none
};
// The pixels a chart occupied this frame (ImGui screen coordinates).
struct ChartRect { ImVec2 min, max; };

// Horizontal bars, best first (plot::best_first), on a 0..1 axis with grid lines every 0.1 (labels 0,
// 0.2, …, 1) and the axis's title under it; the interval drawn as a whisker (a line with end caps) over
// each bar, the value written at the bar's end, names left-aligned in a column sized to the longest name
// (elided with "…" beyond ~40% of the width), and the majority baseline as a dashed line, labelled.
// Hovering a bar shows a tooltip. `width` <= 0: the content region's width. Height follows the bar count.
// With no bars it writes "No results yet." and returns an empty rect.
ChartRect draw_accuracy_chart(const char* id, const std::vector<AccuracyBar>& bars, const AccuracyChartText& text,
                              float width = 0);

// The same chart composed into `image` for export, under a title, with a legend (bar, whisker,
// baseline) and a footer naming `rows` and the date.
void compose_accuracy_image(const std::vector<AccuracyBar>& bars, const AccuracyChartText& text, const std::string& title,
                            const std::string& rows, double epoch_now, const std::string& file_name, PlotImage& image);

// counts[t][p]: rows whose true class is t answered p; p == classes.size() is the extra column "invalid".
// A square grid of cells coloured by the share of row t: blue on the diagonal (right), orange off it
// (wrong), both ramps shown in a colour scale under the grid (plot::HeatmapScheme); the count written in
// each cell in the ink that contrasts more; the diagonal outlined. Rows are labelled with the true classes
// (left, elided when long), columns with the answered classes, turned and shortened to tell them apart
// (plot::short_labels); hovering a shortened name shows it whole. Hovering a cell shows a tooltip:
// "True: Mortgage · Answered: Debt collection · 3 rows (6 % of Mortgage)". `cell_size` <= 0: cells sized
// to fit the content region's width. Missing counts read as 0; with no classes it writes "No results
// yet." and returns an empty rect.
ChartRect draw_confusion_heatmap(const char* id, const std::vector<std::string>& classes,
                                 const std::vector<std::vector<std::size_t>>& counts, float cell_size = 0);

}  // namespace tb::ui
