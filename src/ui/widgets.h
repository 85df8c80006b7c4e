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

// One line of `text` in `width` pixels (all the space left when 0): when longer it ends in "…" and the
// whole text shows when hovered, so nothing is cut mid-word without a way to read it.
void text_cut(const std::string& text, float width = 0);

// Puts the next widget, `width` pixels wide, on the current line when it fits there, else on a new one.
void same_line_if_fits(float width);

// The width of an integer field showing `digits` digits whole, with its − and + buttons when `steps`.
float int_field_width(int digits, bool steps);

// The popup `id` (opened with ImGui::OpenPopup) asking `question`, with `yes` and `no` buttons: true on
// the frame `yes` is clicked; either closes it. For what costs money or drops work.
bool confirm_popup(const char* id, const std::string& question, const char* yes, const char* no);

// The width of a widget `frame_width` wide followed by its label (a combo, a field).
float labelled_width(float frame_width, const char* label);

}  // namespace tb::ui
