#include "ui/widgets.h"

namespace tb::ui {

void heading(const Fonts& fonts, const char* text) {
    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
    ImGui::Spacing();
}

void wrapped(const std::string& text, float width_em) {
    ImGui::PushTextWrapPos(width_em > 0 ? ImGui::GetCursorPosX() + ImGui::GetFontSize() * width_em : 0.0f);
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
    ImGui::PopTextWrapPos();
}

void wrapped(const ImVec4& color, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    wrapped(text);
    ImGui::PopStyleColor();
}

void help_marker(const char* text) {
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    if (ImGui::BeginItemTooltip()) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

bool image_ready_to_save(const std::string& key, bool asked, ImVec2 min, ImVec2 max) {
    static std::string waiting_for_view;
    if (!asked && waiting_for_view != key) return false;
    const float top = ImGui::GetWindowPos().y;
    const float bottom = top + ImGui::GetWindowSize().y;
    const bool in_view = min.y >= top && max.y <= bottom;
    if (!in_view && waiting_for_view != key) {
        ImGui::SetScrollY(ImGui::GetScrollY() + min.y - top);
        waiting_for_view = key;
        return false;
    }
    waiting_for_view.clear();
    return true;
}

}  // namespace tb::ui
