#pragma once

#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/plot/image_layout.h"

namespace tb::ui {

// A chart composed for export (Export PNG): drawn off screen at a size of its own (see
// plot::image_size), not read back from the page, so it carries what a reader of the file needs —
// title, legend, axis titles, the rows it was computed on and the date — whatever the page's width.
// The UI composes it in a frame; the app renders it once that frame is drawn, saves it and clears it.
// One at a time; one serves the whole page.
class PlotImage {
public:
    // Starts a new image of `size` saved as `file_name`, dropping any not yet saved.
    void begin(std::string file_name, plot::ImageSize size);

    // The draw list to add the next `vertices` vertices to. WebGL draws 16-bit indices and no vertex
    // offsets, so a list holds at most 65,536 vertices: a new one is started when they would not fit.
    ImDrawList& room_for(std::size_t vertices);

    bool pending() const { return !lists_.empty(); }
    const std::string& file_name() const { return file_name_; }
    plot::ImageSize size() const { return size_; }
    // In the order they are to be drawn.
    std::vector<ImDrawList*> lists() const;
    void clear() { lists_.clear(); }

private:
    std::string file_name_;
    plot::ImageSize size_;
    std::vector<std::unique_ptr<ImDrawList>> lists_;
};

// One legend entry of an exported chart: a swatch of `colour` before `label`.
struct ImageLegendEntry {
    std::string label;
    ImU32 colour = 0;
};

// Starts `image` as `file_name` at the export size for the current font, and draws its title, legend
// and footer: "<rows> · exported <date, UTC>". Returns the rectangle left for the chart.
plot::Rect begin_chart_image(PlotImage& image, const std::string& file_name, const std::string& title,
                             const std::vector<ImageLegendEntry>& legend, const std::string& rows, double epoch_now);

}  // namespace tb::ui
