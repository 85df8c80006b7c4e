#include "ui/draft_text.h"

#include <algorithm>

namespace tb::ui {

namespace {
int resize_string(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* text = static_cast<std::string*>(data->UserData);
        text->resize(static_cast<std::size_t>(data->BufTextLen));
        data->Buf = text->data();
    }
    return 0;
}
}  // namespace

bool DraftText::input(const char* label, const std::string& value, ImVec2 size, ImGuiInputTextFlags flags) {
    if (!active_) draft_ = value;
    bool changed = false;
    if (size.y > 0) {
        changed = ImGui::InputTextMultiline(label, draft_.data(), draft_.capacity() + 1, size,
                                            flags | ImGuiInputTextFlags_CallbackResize, resize_string, &draft_);
    } else {
        if (size.x > 0) ImGui::SetNextItemWidth(size.x);
        changed = ImGui::InputText(label, draft_.data(), draft_.capacity() + 1,
                                   flags | ImGuiInputTextFlags_CallbackResize, resize_string, &draft_);
    }
    active_ = ImGui::IsItemActive();
    return changed;
}

void DraftText::clear() {
    std::fill(draft_.begin(), draft_.end(), '\0');
    draft_.clear();
}

}  // namespace tb::ui
