#include "ui/turned_text.h"

namespace tb::ui {

void add_turned_text(ImDrawList& draw, ImVec2 unclipped, ImVec2 centre, ImU32 colour, const std::string& text) {
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const int first = draw.VtxBuffer.Size;
    draw.AddText(unclipped, colour, text.c_str());
    const ImVec2 middle(unclipped.x + size.x / 2, unclipped.y + size.y / 2);
    for (int i = first; i < draw.VtxBuffer.Size; ++i) {
        ImVec2& p = draw.VtxBuffer[i].pos;
        const float dx = p.x - middle.x, dy = p.y - middle.y;
        p = ImVec2(centre.x + dy, centre.y - dx);
    }
}

}  // namespace tb::ui
