#pragma once

#include <cstdint>
#include <vector>

#include "ui/plot_image.h"

namespace tb::app {

// Renders a composed chart (ui/plot_image.h) off screen, into a framebuffer of its own size on the
// page's GL context, over `background`, and returns it as a PNG; empty if the GL framebuffer could not
// be made. Call between frames: it leaves the default framebuffer bound.
std::vector<std::uint8_t> render_png(const ui::PlotImage& image, ImVec4 background);

}  // namespace tb::app
