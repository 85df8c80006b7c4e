#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/plot/extents.h"
#include "core/plot/mapping.h"
#include "core/plot/series.h"

namespace tb::plot {

// What a person has done to one plot, owned by the caller so it survives frames and can be saved.
struct View {
    // Follow the data (refit every frame, so a running job's new steps come into view) until the person
    // zooms or pans; a double-click or "Fit" sets it again.
    bool auto_fit = true;
    Window window;  // the zoomed window, used while !auto_fit
    bool log_y = false;
    float smoothing = 0.6f;                 // EMA weight, 0 (raw) to 0.99; TensorBoard's default
    std::vector<std::string> hidden_names;  // series names switched off in the legend
    std::vector<std::string> hidden_runs;   // runs switched off in the legend
};

bool is_visible(const View& view, const Series& series);
bool name_hidden(const View& view, std::string_view name);
bool run_hidden(const View& view, std::string_view run);
void set_name_hidden(View& view, std::string_view name, bool hidden);
void set_run_hidden(View& view, std::string_view run, bool hidden);

// The extents of the visible series together.
Extents visible_extents(std::span<const Series> series, const View& view);

// The window showing every finite point of the visible series (positive ones on a log axis), padded;
// see fit(const Extents&, …).
Window fit(std::span<const Series> series, const View& view, Padding padding = {});

// The window to draw this frame: the fit when following the data or when the stored window cannot be
// drawn (e.g. it has y <= 0 and log scale was switched on), the stored one otherwise. The first form
// takes extents the caller keeps, so an unchanged series costs nothing per frame.
Window current_window(const Extents& visible_data, const View& view);
Window current_window(std::span<const Series> series, const View& view);

}  // namespace tb::plot
