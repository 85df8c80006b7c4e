#include "ui/widgets.h"

#include <algorithm>

#include <imgui_internal.h>

#include "core/text/wrap.h"

namespace tb::ui {

void heading(const Fonts& fonts, const char* text) {
    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
    ImGui::Spacing();
}

void wrapped(const std::string& text, float width_em) {
    // Broken at spaces only (text::wrap_words): ImGui's own wrapping breaks "(0.55)" after its point.
    const float room = ImGui::GetContentRegionAvail().x;
    const float width = width_em > 0 ? std::min(room, ImGui::GetFontSize() * width_em) : room;
    const auto measure = [](std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; };
    std::string lines;
    bool first = true;
    for (std::string_view line : text::wrap_words(text, width, measure)) {
        if (!first) lines += '\n';
        lines += line;
        first = false;
    }
    ImGui::TextUnformatted(lines.c_str(), lines.c_str() + lines.size());
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

void text_cut(const std::string& text, float width) {
    const char* begin = text.c_str();
    const char* end = begin + text.size();
    const float room = width > 0 ? width : ImGui::GetContentRegionAvail().x;
    const ImVec2 size = ImGui::CalcTextSize(begin, end);
    if (size.x <= room) {
        ImGui::TextUnformatted(begin, end);
        return;
    }
    ImVec2 corner = ImGui::GetCursorScreenPos();
    // On the line's text baseline, as Text puts it (beside a checkbox or a button it sits lower).
    corner.y += ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset;
    ImGui::Dummy(ImVec2(room, size.y));
    ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), corner, ImVec2(corner.x + room, corner.y + size.y),
                              corner.x + room, corner.x + room, begin, end, &size);
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
        ImGui::TextUnformatted(begin, end);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void same_line_if_fits(float width) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float right = ImGui::GetItemRectMax().x + spacing + width;
    const float edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (right <= edge) ImGui::SameLine();
}

float int_field_width(int digits, bool steps) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const std::string widest(static_cast<std::size_t>(std::max(digits, 1)), '0');
    float width = ImGui::CalcTextSize(widest.c_str()).x + style.FramePadding.x * 2 + 2;  // 2: the cursor
    if (steps) width += 2 * (ImGui::GetFrameHeight() + style.ItemInnerSpacing.x);
    return width;
}

float labelled_width(float frame_width, const char* label) {
    return frame_width + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

bool confirm_popup(const char* id, const std::string& question, const char* yes, const char* no) {
    if (!ImGui::BeginPopup(id)) return false;
    ImGui::TextUnformatted(question.c_str());
    const bool confirmed = ImGui::Button(yes);
    ImGui::SameLine();
    if (confirmed || ImGui::Button(no)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return confirmed;
}

}  // namespace tb::ui
