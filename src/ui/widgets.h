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

// Whether to save the pixels of [min, max) after this frame: asked now (or waiting since an earlier
// frame) and in view. The image is read from the screen, so a rectangle partly scrolled out of view is
// first scrolled in and saved the next frame (or as it is, if it cannot be wholly shown). `key` names
// the image among those that may be waiting.
bool image_ready_to_save(const std::string& key, bool asked, ImVec2 min, ImVec2 max);

}  // namespace tb::ui
