#pragma once

#include "core/plot/colour.h"

namespace tb::plot {

// The confusion map's colours (on the app's dark theme). A cell's colour runs from `empty` (none of
// its row's rows) to full strength (all of them): blue on the diagonal, where answers are right, and
// orange off it, where they are wrong, so errors never pass for right answers. Blue and orange stay
// apart for most colour-blind readers; the counts are written in every cell and the diagonal is
// outlined as well, so no state rests on colour alone.
struct HeatmapScheme {
    Rgb empty{0.180f, 0.192f, 0.227f};  // the theme's FrameBg: an empty cell still shows as a cell
    Rgb right{0.36f, 0.62f, 0.98f};     // the plots' first hue
    Rgb wrong{0.98f, 0.60f, 0.24f};     // their second
    // White and black: with the theme's softer Text and WindowBg, mid-ramp cells met neither at 4.5 : 1
    // (the test checks every share); with these one of them always does (WCAG's worst case is 4.58).
    Rgb light_ink{1.0f, 1.0f, 1.0f};
    Rgb dark_ink{0.0f, 0.0f, 0.0f};
};

// The colour of a cell holding `share` (0..1) of its true class's rows.
Rgb cell_colour(const HeatmapScheme& scheme, bool diagonal, double share);

// The ink for a count written on `cell`: whichever of the scheme's inks contrasts more.
Rgb cell_ink(const HeatmapScheme& scheme, Rgb cell);

}  // namespace tb::plot
