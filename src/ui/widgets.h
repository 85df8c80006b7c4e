#pragma once

#include <string>

#include <imgui.h>

#include "ui/style.h"

namespace tb::ui {

// Small pieces every panel draws the same way.
void heading(const Fonts& fonts, const char* text);
// Text wrapped at the panel's edge (or at `width_em` font sizes when given), optionally coloured.
void wrapped(const std::string& text, float width_em = 0);
void wrapped(const ImVec4& color, const std::string& text);
// "?" that shows `text` when hovered.
void help_marker(const char* text);

}  // namespace tb::ui
