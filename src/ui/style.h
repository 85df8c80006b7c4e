#pragma once

#include <imgui.h>

#include "core/plot/palette.h"

namespace tb::ui {

inline ImVec4 imvec4(plot::Rgb c, float alpha = 1.0f) { return ImVec4(c.r, c.g, c.b, alpha); }

// Colours of messages, the same in every panel (their contrast is tested in core: plot/palette.h).
inline const ImVec4 kErrorColor = imvec4(plot::palette::kError);
inline const ImVec4 kWarningColor = imvec4(plot::palette::kWarning);
inline const ImVec4 kOkColor = imvec4(plot::palette::kOk);

struct Fonts {
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
};

// Builds the font atlas and the style for `scale` device pixels per CSS pixel. Text is rasterised at
// its final pixel size, so it stays sharp on HiDPI screens. The caller re-uploads the font texture.
Fonts build_fonts(float scale);
void apply_style(float scale);

}  // namespace tb::ui
