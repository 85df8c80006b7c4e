#pragma once

#include <string>

#include <imgui.h>

namespace tb::ui {

// `text` turned a quarter to the left (read bottom to top), centred on `centre`: a y axis's title, a
// confusion map's column names. It is laid out level at `unclipped` first — a point from where the
// level text lies inside the clip rect, so no glyph is culled — then its vertices are turned.
void add_turned_text(ImDrawList& draw, ImVec2 unclipped, ImVec2 centre, ImU32 colour, const std::string& text);

}  // namespace tb::ui
