#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/plot/mapping.h"
#include "core/plot/series.h"

namespace tb::plot {

// An exported chart's size in pixels: 16:10, 64 lines of text wide, so its text reads at the size it
// has on screen (960 × 600 at a 15 px font, twice that on a 2× display), and a strip never comes out.
// The longer side is held to `max_side` (a texture's limit), keeping the ratio.
struct ImageSize {
    std::uint32_t width = 0, height = 0;
};
ImageSize image_size(double font_px, std::uint32_t max_side = 4096);

// Where the parts of an exported chart go, in its pixels: the title, the legend's entries (flowing
// left to right, wrapping to a new line), the chart with its axes, then one footer line (the rows it
// was computed on and the date).
struct ImageLayout {
    Point title;                // the title's top left; it is kTitleScale × the font high
    std::vector<Point> legend;  // each entry's top left, in the order given
    Rect chart;                 // what is left between legend and footer
    Point footer;               // the footer's top left
};
constexpr double kTitleScale = 1.3;

// `entry_widths`: each legend entry's width in pixels, swatch included.
ImageLayout lay_out_image(ImageSize size, double font_px, std::span<const double> entry_widths);

}  // namespace tb::plot
