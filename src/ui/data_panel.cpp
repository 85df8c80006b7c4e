#include "ui/data_panel.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "core/text/format.h"
#include "ui/style.h"
#include "ui/widgets.h"

namespace tb::ui {

namespace {

using workflow::DatasetState;
using workflow::Intent;


// The line the header is on: shown as found (or as set), and typed to read the file again with it.
void draw_header_line(const DatasetState& data, std::uint64_t found_line, std::vector<Intent>& intents) {
    int line = static_cast<int>(std::min<std::uint64_t>(data.load.header_line != 0 ? data.load.header_line : found_line, 1000000));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
    if (ImGui::InputInt("Header on line", &line, 0, 0, ImGuiInputTextFlags_EnterReturnsTrue) && line >= 1) {
        data::LoadSettings settings = data.load;
        settings.header_line = static_cast<std::uint64_t>(line);
        intents.push_back(workflow::ChangeLoadSettings{settings});
    }
    ImGui::SameLine();
    if (data.load.header_line == 0) {
        ImGui::TextDisabled("(found automatically)");
    } else if (ImGui::Button("Find the header automatically")) {
        data::LoadSettings settings = data.load;
        settings.header_line = 0;
        intents.push_back(workflow::ChangeLoadSettings{settings});
    }
}

void draw_open_buttons(const DatasetState& data, std::vector<Intent>& intents) {
    if (ImGui::Button("Open CSV…")) intents.push_back(workflow::OpenFilePicker{});
    ImGui::SameLine();
    if (ImGui::Button("Load demo data")) intents.push_back(workflow::LoadDemoData{});
    ImGui::SameLine();
    ImGui::TextDisabled("or drop a CSV file anywhere on this page");
    if (!data.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(data.error.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        // Lines before the header that were not recognised as such: the person names its line.
        if (data.failed && !data.reading) draw_header_line(data, 1, intents);
    }
}

void draw_progress(const workflow::Reading& reading, double now, std::vector<Intent>& intents) {
    const csv::Stats& stats = reading.loader->reader().stats();
    const double elapsed = std::max(now - reading.started_at, 1e-3);
    const double fraction = reading.file.bytes > 0
                                ? std::min(1.0, static_cast<double>(stats.bytes) / static_cast<double>(reading.file.bytes))
                                : 0.0;
    const double speed = static_cast<double>(stats.bytes) / elapsed;
    const double left = speed > 0 ? static_cast<double>(reading.file.bytes - std::min(reading.file.bytes, stats.bytes)) / speed : -1;
    ImGui::Text("Reading %s", reading.file.name.c_str());
    ImGui::ProgressBar(static_cast<float>(fraction), ImVec2(ImGui::GetFontSize() * 30, 0));
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) intents.push_back(workflow::CancelReading{});
    ImGui::Text("%s of %s · %s rows · %.0f MB/s · %s left", text::format_bytes(stats.bytes).c_str(),
                text::format_bytes(reading.file.bytes).c_str(), text::with_commas(stats.rows).c_str(), speed / 1e6,
                text::format_duration(left).c_str());
}

void draw_file_summary(const DatasetState& data, const workflow::Dataset& dataset, const Fonts& fonts,
                       std::vector<Intent>& intents) {
    const data::DatasetSummary& summary = dataset.summary;
    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted(dataset.file.name.c_str());
    ImGui::PopFont();
    // Wrapped, not cut, at the pane's edge: the pane is half the page.
    if (dataset.file.synthetic) {
        const char* const notice = "SYNTHETIC DEMO DATA: generated, not real complaints";
        same_line_if_fits(ImGui::CalcTextSize(notice).x);
        wrapped(kWarningColor, notice);
    }
    wrapped(text::format_bytes(summary.bytes) + " · " + text::with_commas(summary.rows) + " rows · " +
            text::with_commas(summary.rows_with_text) + " with text · " + text::with_commas(summary.missing_text) +
            " without · " + text::with_commas(summary.duplicates) + " duplicate texts dropped");
    if (!dataset.loader) {
        wrapped(kWarningColor, "Restored from the saved experiment: the split stands as it was. Open " + dataset.file.name +
                                   " again (Open CSV…) to change it.");
    }
    for (const std::string& note : {data::header_notice(summary), data::duplicates_notice(summary)}) {
        if (note.empty()) continue;
        ImGui::PushStyleColor(ImGuiCol_Text, kWarningColor);
        ImGui::TextWrapped("%s", note.c_str());
        ImGui::PopStyleColor();
    }
    if (dataset.loader) draw_header_line(data, summary.header_line, intents);
    if (summary.invalid_utf8 > 0) {
        ImGui::TextColored(kWarningColor, "%s invalid UTF-8 sequences were replaced by \xEF\xBF\xBD.",
                           text::with_commas(summary.invalid_utf8).c_str());
    }
    if (summary.too_many_classes) {
        ImGui::TextColored(kWarningColor, "The label column has more than %zu distinct values: is it the right column?",
                           summary.max_classes);
    }
    if (summary.problems.empty()) return;
    const std::string title = "Problems in the file (" + text::with_commas(summary.problem_count) + ")###problems";
    ImGui::PushStyleColor(ImGuiCol_Text, kWarningColor);
    const bool open = ImGui::CollapsingHeader(title.c_str());
    ImGui::PopStyleColor();
    if (!open) return;
    ImGui::TextDisabled("Reading went on past each of them; rows with problems are left out of the split.");
    if (ImGui::BeginTable("problems", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("Problem");
        ImGui::TableSetupColumn("Row");
        ImGui::TableSetupColumn("Byte");
        ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        for (const data::ProblemRow& problem : summary.problems) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(problem.kind.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(text::with_commas(problem.row).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(text::with_commas(problem.byte).c_str());
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", problem.message.c_str());
        }
        ImGui::EndTable();
    }
}

// A combo of the header's columns; returns true with `chosen` set when the person picks one.
bool column_combo(const char* label, const std::vector<std::string>& names, int current, std::string& chosen) {
    const char* preview = current >= 0 ? names[static_cast<std::size_t>(current)].c_str() : "(pick a column)";
    bool picked = false;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    if (ImGui::BeginCombo(label, preview)) {
        for (std::size_t i = 0; i < names.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::Selectable(names[i].empty() ? "(unnamed)" : names[i].c_str(), static_cast<int>(i) == current)) {
                chosen = names[i];
                picked = true;
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    return picked;
}

void draw_columns(const DatasetState& data, const workflow::Dataset& dataset, std::vector<Intent>& intents) {
    const data::DatasetSummary& summary = dataset.summary;
    std::string chosen;
    data::LoadSettings settings = data.load;
    // Picking one column fixes the other as it is now, so the read that follows keeps it.
    const auto keep = [&](std::string& setting, int column) {
        if (setting.empty()) setting = summary.column_name(column);
    };
    if (column_combo("Text column", summary.header, summary.text_column, chosen)) {
        settings.text_column = chosen;
        keep(settings.label_column, summary.label_column);
        intents.push_back(workflow::ChangeLoadSettings{settings});
    }
    same_line_if_fits(labelled_width(ImGui::GetFontSize() * 16, "Label column"));
    if (column_combo("Label column", summary.header, summary.label_column, chosen)) {
        settings.label_column = chosen;
        keep(settings.text_column, summary.text_column);
        intents.push_back(workflow::ChangeLoadSettings{settings});
    }
}

void draw_classes(const DatasetState& data, const workflow::Dataset& dataset, std::vector<Intent>& intents) {
    const auto& classes = dataset.summary.classes;
    const auto& chosen = dataset.split.classes;
    data::SplitSettings split = data.split_settings;
    const std::uint64_t largest = classes.empty() ? 1 : std::max<std::uint64_t>(1, classes.front().with_text);

    int top_k = static_cast<int>(split.top_k);
    ImGui::SetNextItemWidth(int_field_width(4, true));
    if (ImGui::InputInt("Largest classes to use", &top_k) && top_k >= 1) {
        split.top_k = static_cast<std::size_t>(top_k);
        split.classes.clear();
        intents.push_back(workflow::ChangeSplitSettings{split});
    }
    if (!split.classes.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("(picked by hand)");
    }
    const float bar_width = ImGui::GetFontSize() * 12;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY;
    const float height = std::min(static_cast<float>(classes.size() + 1) * ImGui::GetFrameHeightWithSpacing(),
                                  ImGui::GetFontSize() * 16);
    if (!ImGui::BeginTable("classes", 4, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Use");
    ImGui::TableSetupColumn("Class", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Rows with text", ImGuiTableColumnFlags_WidthFixed, bar_width);
    ImGui::TableSetupColumn("Count");
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const data::ClassCount& tally = classes[i];
        const bool used = std::find(chosen.begin(), chosen.end(), tally.label) != chosen.end();
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(static_cast<int>(i));
        bool checked = used;
        if (ImGui::Checkbox("##use", &checked)) {
            split.classes = chosen;
            if (checked) {
                split.classes.push_back(tally.label);
            } else {
                split.classes.erase(std::remove(split.classes.begin(), split.classes.end(), tally.label), split.classes.end());
            }
            intents.push_back(workflow::ChangeSplitSettings{split});
        }
        ImGui::PopID();
        ImGui::TableNextColumn();
        text_cut(tally.label);
        ImGui::TableNextColumn();
        const ImVec2 corner = ImGui::GetCursorScreenPos();
        const float width = bar_width * static_cast<float>(tally.with_text) / static_cast<float>(largest);
        const float height_px = ImGui::GetTextLineHeight();
        ImGui::GetWindowDrawList()->AddRectFilled(corner, ImVec2(corner.x + std::max(width, 1.0f), corner.y + height_px),
                                                  ImGui::GetColorU32(used ? ImGuiCol_PlotHistogram : ImGuiCol_Border));
        ImGui::Dummy(ImVec2(bar_width, height_px));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(text::with_commas(tally.with_text).c_str());
    }
    ImGui::EndTable();
}

void draw_families(const DatasetState& data, DraftText& editor, std::vector<Intent>& intents) {
    if (!ImGui::TreeNode("Label families")) return;
    ImGui::TextDisabled("Labels merged into one class, one family a line: Name = old name | other name");
    editor.input("##families", data::label_families_to_text(data.load.families), ImVec2(-1, ImGui::GetFontSize() * 8));
    if (ImGui::Button("Apply families")) {
        data::LoadSettings settings = data.load;
        settings.families = data::label_families_from_text(editor.text());
        intents.push_back(workflow::ChangeLoadSettings{settings});
    }
    ImGui::SameLine();
    if (ImGui::Button("CFPB preset")) {
        data::LoadSettings settings = data.load;
        settings.families = data::cfpb_label_families();
        intents.push_back(workflow::ChangeLoadSettings{settings});
    }
    ImGui::SameLine();
    if (ImGui::Button("No families")) {
        data::LoadSettings settings = data.load;
        settings.families = data::LabelFamilies();
        intents.push_back(workflow::ChangeLoadSettings{settings});
    }
    ImGui::TreePop();
}

void draw_split_settings(const DatasetState& data, std::vector<Intent>& intents) {
    data::LoadSettings load = data.load;
    data::SplitSettings split = data.split_settings;
    const float field = int_field_width(7, true);  // up to 1,000,000 rows

    ImGui::SetNextItemWidth(int_field_width(20, false));  // any 64-bit seed
    if (ImGui::InputScalar("Seed", ImGuiDataType_U64, &load.seed, nullptr, nullptr, "%llu",
                           ImGuiInputTextFlags_EnterReturnsTrue)) {
        intents.push_back(workflow::ChangeLoadSettings{load});
    }
    ImGui::SameLine();
    if (ImGui::Button("New seed")) {
        load.seed = data.load.seed + 1;
        intents.push_back(workflow::ChangeLoadSettings{load});
    }

    std::size_t* sizes[3] = {&split.train, &split.validation, &split.test};
    const char* names[3] = {"Train", "Validation", "Test"};
    bool sizes_changed = false;
    for (int i = 0; i < 3; ++i) {
        if (i > 0) same_line_if_fits(labelled_width(field, names[i]));
        int value = static_cast<int>(*sizes[i]);
        ImGui::SetNextItemWidth(field);
        if (ImGui::InputInt(names[i], &value, 10, 100, ImGuiInputTextFlags_EnterReturnsTrue) && value >= 0) {
            *sizes[i] = static_cast<std::size_t>(std::min(value, 1000000));
            sizes_changed = true;
        }
    }
    int balance = split.balance == data::Balance::Balanced ? 0 : 1;
    if (ImGui::RadioButton("Balanced over classes", &balance, 0)) sizes_changed = true;
    ImGui::SameLine();
    if (ImGui::RadioButton("Proportional to class size", &balance, 1)) sizes_changed = true;
    split.balance = balance == 0 ? data::Balance::Balanced : data::Balance::Proportional;
    if (sizes_changed) intents.push_back(workflow::ChangeSplitSettings{split});

    int min_chars = static_cast<int>(load.min_text_characters);
    ImGui::SetNextItemWidth(field);
    if (ImGui::InputInt("Minimum text length (characters)", &min_chars, 10, 100, ImGuiInputTextFlags_EnterReturnsTrue) &&
        min_chars >= 0) {
        load.min_text_characters = static_cast<std::size_t>(min_chars);
        intents.push_back(workflow::ChangeLoadSettings{load});
    }
    bool dedupe = load.drop_duplicates;
    if (ImGui::Checkbox("Drop exact duplicate texts", &dedupe)) {
        load.drop_duplicates = dedupe;
        intents.push_back(workflow::ChangeLoadSettings{load});
    }
}

}  // namespace

void DataPanel::draw(const workflow::State& state, const Fonts& fonts, double now, std::vector<Intent>& intents) {
    const DatasetState& data = state.data;
    draw_open_buttons(data, intents);
    if (data.reading) draw_progress(*data.reading, now, intents);
    if (!data.dataset) return;
    const workflow::Dataset& dataset = *data.dataset;
    if (!data.notice.empty()) wrapped(kWarningColor, data.notice);
    // Above the fold: a split smaller than asked changes every score computed on it.
    for (const std::string& warning : dataset.split.warnings) wrapped(kWarningColor, warning);
    ImGui::Separator();

    const float left_width = std::max(ImGui::GetContentRegionAvail().x * 0.46f, ImGui::GetFontSize() * 30);
    ImGui::BeginChild("data-left", ImVec2(left_width, 0));
    draw_file_summary(data, dataset, fonts, intents);
    ImGui::Spacing();
    // Restored without its file, the split stands but cannot be drawn again: the settings would do nothing.
    // (The demo data is fetched again by itself.)
    const bool fixed = !dataset.loader && !dataset.file.synthetic;
    ImGui::BeginDisabled(fixed);
    draw_columns(data, dataset, intents);
    ImGui::EndDisabled();
    if (dataset.summary.needs_columns()) {
        wrapped(kErrorColor, data::missing_columns(dataset.summary, data.load));
        ImGui::EndChild();
        return;
    }
    ImGui::Spacing();
    ImGui::BeginDisabled(fixed);
    draw_classes(data, dataset, intents);
    draw_families(data, families_, intents);
    ImGui::Spacing();
    draw_split_settings(data, intents);
    ImGui::EndDisabled();
    ImGui::EndChild();

    ImGui::SameLine();
    ImGui::BeginChild("data-right", ImVec2(0, 0));
    split_preview_.draw(dataset, fonts, intents);
    ImGui::EndChild();
}

}  // namespace tb::ui
