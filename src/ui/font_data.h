#pragma once

#include <imgui.h>

namespace tb::ui {

// Inter, cut to the glyphs in assets/fonts/glyph_ranges.txt; generated at build time.
extern const ImWchar kGlyphRanges[];
extern const unsigned char kRegularFont[];
extern const int kRegularFontSize;
extern const unsigned char kSemiBoldFont[];
extern const int kSemiBoldFontSize;

}  // namespace tb::ui
