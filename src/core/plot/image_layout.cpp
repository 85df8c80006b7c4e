#include "core/plot/image_layout.h"

#include <algorithm>
#include <cmath>

namespace tb::plot {

ImageSize image_size(double font_px, std::uint32_t max_side) {
    const double width = std::min(std::round(std::max(font_px, 1.0) * 64), static_cast<double>(max_side));
    return {static_cast<std::uint32_t>(width), static_cast<std::uint32_t>(std::round(width * 10 / 16))};
}

ImageLayout lay_out_image(ImageSize size, double font_px, std::span<const double> entry_widths) {
    const double pad = std::round(font_px * 1.5), line = std::round(font_px * 1.4), gap = std::round(font_px * 1.5);
    const double width = size.width, height = size.height;
    ImageLayout layout;
    layout.title = {pad, pad};
    double x = pad, y = pad + std::round(font_px * kTitleScale) + std::round(font_px * 0.7);
    for (const double w : entry_widths) {
        if (x > pad && x + w > width - pad) {  // never wrap before a line's first entry, however wide
            x = pad;
            y += line;
        }
        layout.legend.push_back({x, y});
        x += w + gap;
    }
    const double chart_top = entry_widths.empty() ? y : y + line + std::round(font_px * 0.4);
    layout.footer = {pad, height - pad - font_px};
    layout.chart = {pad, chart_top, width - pad, std::max(chart_top, layout.footer.y - std::round(font_px * 0.8))};
    return layout;
}

}  // namespace tb::plot
