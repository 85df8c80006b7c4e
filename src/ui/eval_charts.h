#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <imgui.h>

namespace tb::ui {

// One candidate's accuracy on the test rows with its 95 % interval (all in [0, 1]).
struct AccuracyBar {
    std::string name;      // candidate name shown at the left, e.g. "gpt-4o-mini (zero-shot)"
    double accuracy = 0, low = 0, high = 0;
    std::size_t rows = 0;  // how many rows scored (for the tooltip: "0.88 (88 of 100); 95 % CI 0.80–0.93")
    bool partial = false;  // not all rows answered yet: drawn fainter, tooltip says so
};
// The pixels a chart occupied this frame (ImGui screen coordinates), for PNG export by the caller.
struct ChartRect { ImVec2 min, max; };

// Horizontal bars, one per candidate, on a 0..1 axis with grid lines every 0.1 (labels 0, 0.2, …, 1), the
// interval drawn as a whisker (a line with end caps) over each bar, the value written at the bar's end,
// names left-aligned in a column sized to the longest name (elided with "…" beyond ~40% of the width).
// Hovering a bar shows a tooltip. `width` <= 0: the content region's width. Height follows the bar count.
// With no bars it writes "No results yet." and returns an empty rect.
ChartRect draw_accuracy_chart(const char* id, const std::vector<AccuracyBar>& bars, float width = 0);

// counts[t][p]: rows whose true class is t answered p; p == classes.size() is the extra column "invalid".
// A square grid of cells coloured by the share of row t (0 → background, 1 → strong colour, a perceptually
// even ramp), the count written in each cell (text colour chosen for contrast), the diagonal outlined,
// rows labelled with the true classes (left, elided when long), columns with short labels (the first letters
// or "1".."k" with a legend below: "1 = Checking or savings account", …) because CFPB class names are long.
// Hovering a cell shows a tooltip: "True: Mortgage · Answered: Debt collection · 3 rows (6 % of Mortgage)".
// `cell_size` <= 0: cells sized to fit the content region's width. Missing counts read as 0; with no
// classes it writes "No results yet." and returns an empty rect.
ChartRect draw_confusion_heatmap(const char* id, const std::vector<std::string>& classes,
                                 const std::vector<std::vector<std::size_t>>& counts, float cell_size = 0);

}  // namespace tb::ui
