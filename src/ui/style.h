#pragma once

#include <imgui.h>

namespace tb::ui {

// Colours of messages, the same in every panel.
inline const ImVec4 kErrorColor(1.0f, 0.45f, 0.40f, 1.0f);
inline const ImVec4 kWarningColor(0.95f, 0.75f, 0.35f, 1.0f);
inline const ImVec4 kOkColor(0.45f, 0.85f, 0.55f, 1.0f);

struct Fonts {
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
};

// Builds the font atlas and the style for `scale` device pixels per CSS pixel. Text is rasterised at
// its final pixel size, so it stays sharp on HiDPI screens. The caller re-uploads the font texture.
Fonts build_fonts(float scale);
void apply_style(float scale);

}  // namespace tb::ui
