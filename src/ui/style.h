#pragma once

#include <imgui.h>

namespace tb::ui {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
};

// Builds the font atlas and the style for `scale` device pixels per CSS pixel. Text is rasterised at
// its final pixel size, so it stays sharp on HiDPI screens. The caller re-uploads the font texture.
Fonts build_fonts(float scale);
void apply_style(float scale);

}  // namespace tb::ui
