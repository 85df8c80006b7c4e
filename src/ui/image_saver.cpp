#include "ui/image_saver.h"

namespace tb::ui {

bool ImageSaver::ready(const std::string& key, bool asked, ImVec2 min, ImVec2 max) {
    if (!asked && waiting_for_view_ != key) return false;
    const float top = ImGui::GetWindowPos().y;
    const float bottom = top + ImGui::GetWindowSize().y;
    const bool in_view = min.y >= top && max.y <= bottom;
    if (!in_view && waiting_for_view_ != key) {
        ImGui::SetScrollY(ImGui::GetScrollY() + min.y - top);
        waiting_for_view_ = key;
        return false;
    }
    waiting_for_view_.clear();
    return true;
}

}  // namespace tb::ui
