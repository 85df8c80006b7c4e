#include "ui/split_preview.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include <imgui.h>

#include "core/text/format.h"
#include "core/text/utf8.h"
#include "ui/widgets.h"

namespace tb::ui {

namespace {

bool contains_ignoring_case(std::string_view text, std::string_view query) {
    if (query.empty()) return true;
    const auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    return std::search(text.begin(), text.end(), query.begin(), query.end(),
                       [&](char a, char b) { return lower(a) == lower(b); }) != text.end();
}

// The first line's worth of a text, for a table cell.
std::string cell_text(std::string_view text) {
    std::string out(text::cut_utf8(text, 160));
    std::replace(out.begin(), out.end(), '\n', ' ');
    std::replace(out.begin(), out.end(), '\r', ' ');
    return out;
}

}  // namespace

void SplitPreview::draw(const workflow::Dataset& dataset, const Fonts& fonts, std::vector<workflow::Intent>& intents) {
    const data::Split& split = dataset.split;
    const auto text_column = static_cast<std::size_t>(std::max(dataset.summary.text_column, 0));
    const std::array<const std::vector<data::SplitRow>*, 3> parts = {&split.train, &split.validation, &split.test};
    const std::array<const char*, 3> names = {"Train", "Validation", "Test"};

    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted("Split");
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextDisabled("seed %llu · %zu classes", static_cast<unsigned long long>(dataset.summary.seed),
                        split.classes.size());
    ImGui::SameLine(ImGui::GetContentRegionAvail().x + ImGui::GetCursorPosX() - ImGui::GetFontSize() * 10);
    if (ImGui::Button("Download split CSV")) intents.push_back(workflow::DownloadSplit{});

    if (ImGui::BeginTabBar("parts")) {
        for (int i = 0; i < 3; ++i) {
            const std::string label = std::string(names[static_cast<std::size_t>(i)]) + " (" +
                                      std::to_string(parts[static_cast<std::size_t>(i)]->size()) + ")###part" +
                                      std::to_string(i);
            if (ImGui::BeginTabItem(label.c_str())) {
                part_ = i;
                ImGui::EndTabItem();
            }
        }
        ImGui::EndTabBar();
    }
    search_.input("Search", "", ImVec2(ImGui::GetFontSize() * 18, 0));

    const auto& rows = *parts[static_cast<std::size_t>(part_)];
    std::vector<const data::SplitRow*> shown;
    for (const data::SplitRow& row : rows) {
        const std::string_view text = text_column < row.fields.size() ? row.fields[text_column] : std::string_view();
        if (contains_ignoring_case(text, search_.text()) || contains_ignoring_case(row.label, search_.text())) {
            shown.push_back(&row);
        }
    }

    const float detail_height = ImGui::GetFontSize() * 10;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
    const data::SplitRow* selected = nullptr;
    if (ImGui::BeginTable("rows", 3, flags, ImVec2(0, std::max(ImGui::GetContentRegionAvail().y - detail_height, 120.0f)))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Row");
        ImGui::TableSetupColumn("Label", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 12);
        ImGui::TableSetupColumn("Text", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        // Only the rows in view are drawn, however large the split.
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(shown.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const data::SplitRow& row = *shown[static_cast<std::size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                const std::string number = text::with_commas(row.row) + "##row";
                if (ImGui::Selectable(number.c_str(), selected_row_ == row.row, ImGuiSelectableFlags_SpanAllColumns)) {
                    selected_row_ = row.row;
                }
                ImGui::TableNextColumn();
                text_cut(row.label);  // whole on hover
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(
                    cell_text(text_column < row.fields.size() ? row.fields[text_column] : std::string_view()).c_str());
            }
        }
        ImGui::EndTable();
    }
    for (const data::SplitRow* row : shown) {
        if (row->row == selected_row_) selected = row;
    }
    ImGui::BeginChild("detail", ImVec2(0, 0), ImGuiChildFlags_Border);
    if (selected != nullptr) {
        ImGui::TextDisabled("Row %s · %s", text::with_commas(selected->row).c_str(), selected->label.c_str());
        ImGui::TextWrapped("%s", text_column < selected->fields.size() ? selected->fields[text_column].c_str() : "");
    } else {
        ImGui::TextDisabled("%zu of %zu rows shown. Select a row to read its whole text.", shown.size(), rows.size());
    }
    ImGui::EndChild();
}

}  // namespace tb::ui
