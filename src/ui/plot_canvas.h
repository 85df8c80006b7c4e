#pragma once

#include <memory>
#include <span>

#include <imgui.h>

#include "core/plot/series.h"
#include "core/plot/view.h"

namespace tb::ui {

// What the person asked of the plot this frame; the caller does the I/O.
struct PlotRequests {
    // Write tb::plot::series_csv(series) somewhere (it exports every series given, raw, hidden or not).
    bool export_csv = false;
    // Read back the pixels of [capture_min, capture_max) once this frame has been rendered, then
    // tb::plot::encode_png(pixels, w, h, RowOrder::bottom_up) for what glReadPixels returns.
    bool export_png = false;
    // The legend and the plot (not the buttons), in ImGui's coordinates, which are framebuffer pixels
    // while io.DisplayFramebufferScale is 1 (this app draws at device-pixel size). Valid every frame.
    ImVec2 capture_min, capture_max;
    // The view was zoomed, panned or toggled: save it if views are persisted.
    bool view_changed = false;
};

// A plot of several series against step: controls (Log scale, Smoothing, Fit, Export CSV, Export PNG),
// a legend with one checkbox per series name (its colour) and, for several runs, one per run (its
// shade), then the canvas: nice ticks, faint raw lines under EMA-smoothed ones, a crosshair with the
// nearest value of each visible series, wheel zoom about the cursor (over an axis: that axis only), drag
// to pan, double-click to fit. `size` is the whole widget; 0 or less in a dimension fills what is left
// of the content region. Points must be sorted by step (tb::plot::add_point / sort_points); 100,000
// per series stay smooth, as lines are decimated to the canvas's pixel columns.
//
// One canvas draws every plot of the page: it keeps, from frame to frame, the buffers it draws with (they
// are large, and the plots run every frame), and each plot's smoothed and decimated lines by the plot's
// ImGui id, let go once that plot has gone 600 frames undrawn while others are drawn.
class PlotCanvas {
public:
    PlotCanvas();
    ~PlotCanvas();

    PlotRequests draw(const char* id, std::span<const plot::Series> series, plot::View& view,
                      ImVec2 size = ImVec2(0, 0));

private:
    struct Memory;
    std::unique_ptr<Memory> memory_;
};

}  // namespace tb::ui
