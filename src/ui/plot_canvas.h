#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/plot/mapping.h"
#include "core/plot/series.h"
#include "core/plot/view.h"
#include "ui/plot_image.h"

namespace tb::ui {

// What the person asked of the plot this frame; the caller does the I/O.
struct PlotRequests {
    // Write tb::plot::series_csv(series) somewhere (it exports every series given, raw, hidden or not).
    bool export_csv = false;
    // Compose the plot as an image to save (PlotCanvas::compose_image).
    bool export_png = false;
    // The view was zoomed, panned or toggled: save it if views are persisted.
    bool view_changed = false;
};

// What a plot's axes measure, with units where there are any ("Epoch", "Cross-entropy loss (mean per row)").
struct AxisTitles {
    std::string x, y;
};

// A plot of several series against x (a step, an epoch, a number of rows): controls (Log scale,
// Smoothing, Fit, Export CSV, Export PNG), a legend with one checkbox per series name (its colour) and,
// for several runs, one per run (its shade), then the canvas: nice ticks, the axes' titles, faint raw
// lines under EMA-smoothed ones, a crosshair with the nearest value of each visible series, wheel zoom
// about the cursor with Ctrl or Cmd held (over an axis: that axis only; without the modifier the wheel
// scrolls the page, and a hint says how to zoom), drag to pan, double-click to fit. `size` is the whole widget; 0 or less in a dimension fills what is left
// of the content region. Points must be sorted by step (tb::plot::add_point / sort_points); 100,000
// per series stay smooth, as lines are decimated to the canvas's pixel columns.
//
// One canvas draws every plot of the page: it keeps, from frame to frame, the buffers it draws with (they
// are large, and the plots run every frame), and each plot's smoothed and decimated lines by the plot's
// ImGui id, let go once that plot has gone 600 frames undrawn while others are drawn.
// A plot as it was last drawn, for automation (window.tuneboard.state().plots).
struct PlotReport {
    std::string label;  // the plot's id as given to draw()
    int frame = 0;      // ImGui's frame count when it was last drawn
    bool auto_fit = true;
    plot::Window window;     // the window drawn
    bool wheel_hint = false;  // the "Hold Ctrl" hint was showing
};

// Says how to zoom, in a box at the top of `r` (a plot's data area, the map), after the wheel turned over it
// without the modifier that zooms (core/plot/wheel.h).
void draw_wheel_hint(ImDrawList& draw, const plot::Rect& r);

class PlotCanvas {
public:
    PlotCanvas();
    ~PlotCanvas();

    PlotRequests draw(const char* id, std::span<const plot::Series> series, plot::View& view, const AxisTitles& axes,
                      ImVec2 size = ImVec2(0, 0));

    // The plot as `view` shows it (zoom, log scale, smoothing, hidden series), drawn into `image` under
    // `title` with a legend of the series shown; `rows` says what it was computed on, for the footer.
    void compose_image(std::span<const plot::Series> series, const plot::View& view, const AxisTitles& axes,
                       const std::string& title, const std::string& rows, double epoch_now,
                       const std::string& file_name, PlotImage& image);

    // Every plot drawn in the last 600 frames.
    std::vector<PlotReport> reports() const;

private:
    struct Memory;
    std::unique_ptr<Memory> memory_;
};

}  // namespace tb::ui
