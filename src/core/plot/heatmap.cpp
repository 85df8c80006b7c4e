#include "core/plot/heatmap.h"

#include <algorithm>
#include <cmath>

namespace tb::plot {

Rgb cell_colour(const HeatmapScheme& scheme, bool diagonal, double share) {
    const double t = std::isfinite(share) ? std::clamp(share, 0.0, 1.0) : 0.0;
    return mix_oklab(scheme.empty, diagonal ? scheme.right : scheme.wrong, static_cast<float>(t));
}

Rgb cell_ink(const HeatmapScheme& scheme, Rgb cell) { return legible_ink(cell, scheme.light_ink, scheme.dark_ink); }

}  // namespace tb::plot
