#include "ui/map_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui_internal.h>  // SetItemKeyOwner: the wheel zooms rather than scrolls, with Ctrl

#include "core/eval/candidate.h"
#include "core/plot/wheel.h"
#include "core/text/format.h"
#include "core/text/utf8.h"
#include "ui/item_hooks.h"
#include "ui/plot_canvas.h"
#include "ui/widgets.h"

namespace tb::ui {

namespace {

ImU32 colour_u32(map::ColourBy by, std::uint8_t colour, float alpha = 1.0f) {
    const plot::Rgb c = map::colour_of(by, colour);
    return ImGui::GetColorU32(ImVec4(c.r, c.g, c.b, alpha));
}

// The shape each part of the split is drawn with, as the shaders draw it (shaders/map_points.frag).
void draw_shape(ImDrawList& draw, ImVec2 centre, float radius, map::Role role, ImU32 colour) {
    switch (role) {
    case map::Role::test:
        draw.AddRectFilled(ImVec2(centre.x - radius, centre.y - radius), ImVec2(centre.x + radius, centre.y + radius), colour);
        break;
    case map::Role::validation: draw.AddCircle(centre, radius - 1, colour, 0, 2.0f); break;
    case map::Role::other: draw.AddCircleFilled(centre, radius * 0.7f, colour); break;  // smaller, as drawn
    default: draw.AddCircleFilled(centre, radius, colour); break;
    }
}

// A swatch of `colour` in `role`'s shape, then `text`, on the current line.
void legend_item(map::ColourBy by, std::uint8_t colour, map::Role role, const char* text) {
    const float font = ImGui::GetFontSize();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(font * 0.9f, font));
    draw_shape(*ImGui::GetWindowDrawList(), ImVec2(at.x + font * 0.4f, at.y + font * 0.55f), font * 0.3f, role,
               colour_u32(by, colour));
    ImGui::SameLine(0, font * 0.2f);
    ImGui::TextUnformatted(text);
}

const eval::Evaluation* colouring_candidate(const workflow::State& state, const MapWish& wish) {
    return wish.colour_by == map::ColourBy::label ? nullptr : state.eval.find(wish.candidate);
}

std::string colouring_name(const workflow::State& state, const MapWish& wish) {
    const eval::Evaluation* e = colouring_candidate(state, wish);
    if (!e) return "True label";
    const std::string name = eval::candidate_name(e->candidate);
    return wish.colour_by == map::ColourBy::answer ? "Answer of " + name : "Right or wrong: " + name;
}

// Where the point under the pointer is: its row as the tooltip shows it.
void row_tooltip(const workflow::State& state, const workflow::MapRow& row, map::Role role) {
    const data::Split& split = state.data.dataset->split;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
    if (role == map::Role::other) {
        ImGui::Text("Row %s · not in the split", text::with_commas(row.row).c_str());
    } else {
        ImGui::Text("Row %s · %s row", text::with_commas(row.row).c_str(), std::string(map::role_name(role)).c_str());
    }
    const std::uint8_t colour = map::class_colour(data::class_index(split.classes, row.label));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour_u32(map::ColourBy::label, colour)));
    ImGui::Text("True label: %.*s", static_cast<int>(row.label.size()), row.label.data());
    ImGui::PopStyleColor();
    const std::string_view text = row.text;
    const std::string_view shown = text::cut_utf8(text, 600);
    if (text.empty()) ImGui::TextDisabled("Its text is not kept: a map of this many rows keeps only their places.");
    ImGui::TextUnformatted(shown.data(), shown.data() + shown.size());
    if (role == map::Role::other && text.size() == workflow::kRestTextBytes) {
        ImGui::TextDisabled("… (only the start of a text outside the split is kept)");
    } else if (shown.size() < text.size()) {
        // Characters, not bytes: a UTF-8 continuation byte starts none.
        const auto more = std::count_if(text.begin() + static_cast<std::ptrdiff_t>(shown.size()), text.end(),
                                        [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
        ImGui::TextDisabled("… (%s characters more)", text::with_commas(static_cast<std::uint64_t>(more)).c_str());
    }
    for (const eval::Evaluation& e : state.eval.evaluations) {
        const auto found = e.answers.find(row.row);
        if (found == e.answers.end()) continue;
        const eval::Answer& answer = found->second;
        const bool right = !answer.label.empty() && answer.label == row.label;
        ImGui::PushStyleColor(ImGuiCol_Text, right ? kOkColor : kErrorColor);
        ImGui::Text("%s: %s (%s)", eval::candidate_name(e.candidate).c_str(),
                    answer.label.empty() ? "an invalid answer" : answer.label.c_str(), right ? "right" : "wrong");
        ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

}  // namespace

void MapPanel::draw(const workflow::State& state, MapFeed& feed, std::vector<workflow::Intent>& intents) {
    if (!state.data.dataset) return;
    const std::vector<workflow::MapSource> sources = workflow::map_sources(state);
    if (sources.empty()) {
        wrapped("The map places every row of the split by its vector, so similar texts lie close together and "
                "you see which products blur into each other. It needs vectors: train the in-browser classifier "
                "(Evaluate) or run an embeddings candidate.", 60);
        return;
    }
    const bool known = std::any_of(sources.begin(), sources.end(), [&](const auto& s) { return s.id == wish_.source; });
    if (!known) wish_.source = sources.front().id;
    if (wish_.colour_by != map::ColourBy::label && !state.eval.find(wish_.candidate)) wish_.colour_by = map::ColourBy::label;
    draw_controls(state, sources);
    const MapData& data = feed.map(wish_);
    if (!data.error.empty()) {
        wrapped(kErrorColor, data.error);
        return;
    }
    for (const auto& source : sources) {
        if (source.id == wish_.source) wrapped(source.description + (data.left_out ? " " + text::with_commas(data.left_out) +
                                                                         " rows have no vector and are not on the map." : ""), 60);
    }
    if (!data.note.empty()) wrapped(kWarningColor, data.note);
    draw_legend(state, data);
    draw_canvas(state, feed, data, intents);

    const std::size_t selected = state.eval.map_selection.size();
    if (selected > 0) {
        const std::size_t listed = state.eval.filter == eval::RowFilter::MapSelection ? state.eval.shown_rows.size() : 0;
        ImGui::Text("%s %s selected, listed here; %s of them %s test %s, listed with the answers in Rows below.",
                    text::with_commas(selected).c_str(), selected == 1 ? "row" : "rows", text::with_commas(listed).c_str(),
                    listed == 1 ? "is a" : "are", listed == 1 ? "row" : "rows");
        ImGui::SameLine();
        if (ImGui::SmallButton("Clear selection")) intents.push_back(workflow::SelectOnMap{});
        draw_selected_rows(state, data);
    }
}

void MapPanel::draw_selected_rows(const workflow::State& state, const MapData& data) {
    const std::vector<std::uint64_t>& selection = state.eval.map_selection;
    const data::Split& split = state.data.dataset->split;
    const int text_column = state.data.dataset->summary.text_column;
    // Found again only when the selection or the points change: a million points are a few milliseconds.
    const std::uint64_t key = selection.size() * 1000003u + selection.front() * 7919u + selection.back() +
                              (static_cast<std::uint64_t>(data.points.size()) << 40) + (data.layout << 20);
    if (key != selected_key_) {
        selected_key_ = key;
        selected_points_ = workflow::points_of_rows(split, data.rest, data.points, selection);
    }
    const float font = ImGui::GetFontSize();
    const float height = ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(std::min<std::size_t>(selected_points_.size(), 8) + 1) + font * 0.5f;
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                       ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("selected on the map", 4, kFlags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Row");
    ImGui::TableSetupColumn("Part");
    ImGui::TableSetupColumn("True label", 0, font * 14);
    ImGui::TableSetupColumn("Text", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(selected_points_.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const workflow::MapPoint point = data.points[selected_points_[static_cast<std::size_t>(i)]];
            const workflow::MapRow row = workflow::map_row(split, data.rest, text_column, point);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(text::with_commas(row.row).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(point.role == map::Role::other ? "not in the split" : std::string(map::role_name(point.role)).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.label.data(), row.label.data() + row.label.size());
            ImGui::TableNextColumn();
            // The text's first line, as much as the column shows; none is kept on a map of very many rows.
            const std::string_view line = text::cut_utf8(row.text.substr(0, row.text.find('\n')), 300);
            if (line.empty()) ImGui::TextDisabled("(not kept)");
            else ImGui::TextUnformatted(line.data(), line.data() + line.size());
        }
    }
    ImGui::EndTable();
}

void MapPanel::draw_controls(const workflow::State& state, const std::vector<workflow::MapSource>& sources) {
    const float font = ImGui::GetFontSize();
    std::string current;
    for (const auto& source : sources) {
        if (source.id == wish_.source) current = source.name;
    }
    // The label before its combo, as a sentence reads: "Vectors from … Colour by …".
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Vectors from");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(font * 16);
    const bool sources_open = ImGui::BeginCombo("##Vectors from", current.c_str());
    if (!sources_open) record_last_item("Vectors from");  // a combo gives automation no label of its own
    if (sources_open) {
        for (const auto& source : sources) {
            if (ImGui::Selectable(source.name.c_str(), source.id == wish_.source)) {
                wish_.source = source.id;
                auto_fit_ = true;
            }
        }
        ImGui::EndCombo();
    }
    same_line_if_fits(ImGui::CalcTextSize("Colour by").x + font * 19.5f);
    ImGui::TextUnformatted("Colour by");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(font * 18);
    const bool colours_open = ImGui::BeginCombo("##Colour by", colouring_name(state, wish_).c_str());
    if (!colours_open) record_last_item("Colour by");
    if (colours_open) {
        if (ImGui::Selectable("True label", wish_.colour_by == map::ColourBy::label)) wish_.colour_by = map::ColourBy::label;
        for (const eval::Evaluation& e : state.eval.evaluations) {
            if (e.answers.empty()) continue;
            for (map::ColourBy by : {map::ColourBy::answer, map::ColourBy::right_wrong}) {
                MapWish option = wish_;
                option.colour_by = by;
                option.candidate = e.id;
                const bool chosen = wish_.colour_by == by && wish_.candidate == e.id;
                ImGui::PushID(e.id.c_str());
                ImGui::PushID(static_cast<int>(by));
                if (ImGui::Selectable(colouring_name(state, option).c_str(), chosen)) wish_ = option;
                ImGui::PopID();
                ImGui::PopID();
            }
        }
        ImGui::EndCombo();
    }
    same_line_if_fits(ImGui::CalcTextSize("Every row of the file").x + font * 2.5f);
    ImGui::Checkbox("Every row of the file", &wish_.every_row);
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("The file's other rows too, read again from it, as small faded discs; off: the split's "
                          "rows only.");
    }
}

void MapPanel::draw_legend(const workflow::State& state, const MapData& data) {
    const float font = ImGui::GetFontSize();
    const std::uint64_t rest_outside_classes = data.rest ? workflow::rows_outside(*data.rest, state.data.dataset->split.classes) : 0;
    const map::ColourBy by = wish_.colour_by;
    const auto next = [font](float width) { same_line_if_fits(width + font * 1.2f); };
    bool first = true;
    const auto item = [&](std::uint8_t colour, map::Role role, const std::string& text) {
        const float width = font * 1.1f + ImGui::CalcTextSize(text.c_str()).x;
        if (!first) next(width);
        first = false;
        legend_item(by, colour, role, text.c_str());
    };
    if (by == map::ColourBy::right_wrong) {
        item(map::kRightColour, map::Role::test, "Right");
        item(map::kWrongColour, map::Role::test, "Wrong or invalid");
        item(map::kNoColour, map::Role::training, "Not asked (only test rows are)");
    } else {
        const std::vector<std::string>& classes = state.data.dataset->split.classes;
        for (std::size_t c = 0; c < classes.size() && c < map::kClassColours; ++c) {
            item(static_cast<std::uint8_t>(c), map::Role::training, classes[c]);
        }
        if (classes.size() > map::kClassColours) {
            item(map::kNoColour, map::Role::training, std::to_string(classes.size() - map::kClassColours) + " more classes");
        }
        if (by == map::ColourBy::answer) {
            item(map::kNoColour, map::Role::training, "Not asked (only test rows are) or invalid");
        } else if (rest_outside_classes > 0) {
            item(map::kNoColour, map::Role::other, text::with_commas(rest_outside_classes) + " rows of classes the split leaves out");
        }
    }
    // The shapes, in the text's colour: which part of the split each point's row is in.
    const std::uint8_t ink = map::class_colour(7);  // the palette's white
    const auto shape = [&](map::Role role, const char* text) {
        const float width = font * 1.1f + ImGui::CalcTextSize(text).x;
        if (!first) next(width);
        first = false;
        legend_item(map::ColourBy::label, ink, role, text);
    };
    ImGui::SameLine(0, font * 1.5f);
    ImGui::TextDisabled("|");
    shape(map::Role::training, "training");
    shape(map::Role::validation, "validation");
    shape(map::Role::test, "test");
    if (wish_.every_row) shape(map::Role::other, "not in the split");
}

void MapPanel::fit(const MapData& data, ImVec2 size) {
    const double width = std::max(1e-6f, data.max_x - data.min_x), height = std::max(1e-6f, data.max_y - data.min_y);
    transform_.cx = (data.min_x + data.max_x) * 0.5;
    transform_.cy = (data.min_y + data.max_y) * 0.5;
    // A margin of a twentieth each side, so the outermost points are whole.
    transform_.pixels_per_unit = 0.9 * std::min(size.x / width, size.y / height);
}

void MapPanel::draw_canvas(const workflow::State& state, MapFeed& feed, const MapData& data,
                           std::vector<workflow::Intent>& intents) {
    const float font = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    // Short enough that the controls, the legend and the hint below fit on the screen with it.
    const float height = std::min(std::clamp(width * 0.55f, font * 16, font * 34), std::max(font * 12, ImGui::GetWindowHeight() - font * 9));
    const ImVec2 size(width, height);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + size.x, min.y + size.y);
    canvas_min_ = min;
    canvas_max_ = max;
    ImGui::InvisibleButton("map", size);
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl || io.KeySuper) ImGui::SetItemKeyOwner(ImGuiKey_MouseWheelY);
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    draw.AddRectFilled(min, max, ImGui::GetColorU32(ImGuiCol_ChildBg));
    draw.AddRect(min, max, ImGui::GetColorU32(ImGuiCol_Border));
    if (data.positions.empty()) {
        const char* text = "Laying out the rows…";
        const ImVec2 text_size = ImGui::CalcTextSize(text);
        draw.AddText(ImVec2(min.x + (size.x - text_size.x) / 2, min.y + (size.y - text_size.y) / 2),
                     ImGui::GetColorU32(ImGuiCol_TextDisabled), text);
        return;
    }
    // A new layout (another source, the rest read or dropped) is fitted again, whatever the view was.
    if (data.layout != fitted_layout_) {
        fitted_layout_ = data.layout;
        auto_fit_ = true;
    }
    if (auto_fit_) fit(data, size);
    const ImVec2 centre((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
    const auto to_layout = [&](ImVec2 p) {
        return ImVec2(static_cast<float>(transform_.cx + (p.x - centre.x) / transform_.pixels_per_unit),
                      static_cast<float>(transform_.cy - (p.y - centre.y) / transform_.pixels_per_unit));
    };
    const auto to_screen = [&](float x, float y) {
        return ImVec2(static_cast<float>(centre.x + (x - transform_.cx) * transform_.pixels_per_unit),
                      static_cast<float>(centre.y - (y - transform_.cy) * transform_.pixels_per_unit));
    };

    // Shift held as the press begins draws a box or a lasso to select; otherwise a drag pans.
    if (ImGui::IsItemActivated()) {
        selecting_ = io.KeyShift;
        box_from_ = io.MouseClickedPos[ImGuiMouseButton_Left];
        lasso_path_.assign(1, box_from_);
    }
    // A lasso's vertex every few pixels: enough to follow the hand, few enough to test points against.
    if (selecting_ && active && lasso_) {
        const ImVec2 last = lasso_path_.back();
        const float step = font * 0.25f;
        if (ImLengthSqr(ImVec2(io.MousePos.x - last.x, io.MousePos.y - last.y)) >= step * step) lasso_path_.push_back(io.MousePos);
    }
    if (active && !selecting_ && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
        const ImVec2 delta = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left);
        ImGui::ResetMouseDragDelta(ImGuiMouseButton_Left);
        transform_.cx -= delta.x / transform_.pixels_per_unit;
        transform_.cy += delta.y / transform_.pixels_per_unit;
        auto_fit_ = false;
    }
    const plot::WheelAction wheel = plot::wheel_action(hovered, io.MouseWheel, io.KeyCtrl || io.KeySuper);
    if (wheel == plot::WheelAction::scroll_with_hint) wheel_turned_at_ = ImGui::GetTime();
    if (wheel == plot::WheelAction::zoom) {
        // The point under the pointer stays there; a notch zooms by a quarter.
        const ImVec2 under = to_layout(io.MousePos);
        transform_.pixels_per_unit *= std::pow(1.25, static_cast<double>(io.MouseWheel));
        transform_.cx = under.x - (io.MousePos.x - centre.x) / transform_.pixels_per_unit;
        transform_.cy = under.y + (io.MousePos.y - centre.y) / transform_.pixels_per_unit;
        auto_fit_ = false;
    }
    if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) auto_fit_ = true;

    // Points shrink as they grow many, so a million still show the shape of the data.
    const std::size_t n = data.points.size();
    const float radius = font * (n > 200000 ? 0.09f : n > 20000 ? 0.16f : 0.24f);
    draw.PushClipRect(min, max, true);
    feed.add_points(draw, min, max, transform_, radius);

    hovered_row_ = hovered_point_ = -1;
    if (hovered && !active && data.grid) {
        const ImVec2 at = to_layout(io.MousePos);
        const auto found = data.grid->nearest(at.x, at.y, static_cast<float>(std::max(radius, font * 0.4f) / transform_.pixels_per_unit));
        if (found && *found < n) {
            const workflow::MapPoint point = data.points[*found];
            const workflow::MapRow row = workflow::map_row(state.data.dataset->split, data.rest,
                                                           state.data.dataset->summary.text_column, point);
            hovered_row_ = static_cast<std::int64_t>(row.row);
            hovered_point_ = static_cast<std::int64_t>(*found);
            const ImVec2 p = to_screen(data.positions[*found * 2], data.positions[*found * 2 + 1]);
            draw.AddCircle(p, radius + font * 0.25f, ImGui::GetColorU32(ImGuiCol_Text), 0, 2.0f);
            row_tooltip(state, row, point.role);
        }
    }
    if (selecting_ && active && lasso_) {
        draw.AddPolyline(lasso_path_.data(), static_cast<int>(lasso_path_.size()), ImGui::GetColorU32(ImGuiCol_Text),
                         ImDrawFlags_None, 1.5f);
        // The closing edge, as the selection will take it.
        draw.AddLine(lasso_path_.back(), lasso_path_.front(), ImGui::GetColorU32(ImGuiCol_TextDisabled), 1.0f);
    } else if (selecting_ && active) {
        draw.AddRectFilled(box_from_, io.MousePos, ImGui::GetColorU32(ImGuiCol_TextSelectedBg));
        draw.AddRect(box_from_, io.MousePos, ImGui::GetColorU32(ImGuiCol_Text));
    }
    if (selecting_ && ImGui::IsItemDeactivated()) {
        selecting_ = false;
        std::vector<std::uint32_t> inside;
        if (data.grid && lasso_) {
            lasso_path_.push_back(io.MousePos);
            std::vector<float> polygon;
            polygon.reserve(lasso_path_.size() * 2);
            for (const ImVec2 p : lasso_path_) {
                const ImVec2 at = to_layout(p);
                polygon.insert(polygon.end(), {at.x, at.y});
            }
            inside = data.grid->in_polygon(polygon);
        } else if (data.grid) {
            const ImVec2 a = to_layout(box_from_), b = to_layout(io.MousePos);
            inside = data.grid->in_box(a.x, a.y, b.x, b.y);
        }
        std::vector<std::uint64_t> rows;
        for (const std::uint32_t i : inside) {
            if (i < n) rows.push_back(workflow::map_row(state.data.dataset->split, data.rest, -1, data.points[i]).row);
        }
        lasso_path_.clear();
        intents.push_back(workflow::SelectOnMap{std::move(rows)});
    }
    // Progress over the canvas's corner, not in a line above it: the map does not move when it ends.
    if (data.running) {
        char label[96];
        std::snprintf(label, sizeof label, "%s %s rows: %.0f %%", data.stage.c_str(),
                      text::with_commas(data.points.size()).c_str(), data.progress * 100);
        const ImVec2 at(min.x + font * 0.5f, min.y + font * 0.5f);
        const ImVec2 end(at.x + font * 22, at.y + ImGui::GetFrameHeight());
        draw.AddRectFilled(at, end, ImGui::GetColorU32(ImGuiCol_FrameBg), ImGui::GetStyle().FrameRounding);
        draw.AddRectFilled(at, ImVec2(at.x + (end.x - at.x) * static_cast<float>(data.progress), end.y),
                           ImGui::GetColorU32(ImGuiCol_PlotHistogram), ImGui::GetStyle().FrameRounding);
        draw.AddText(ImVec2(at.x + font * 0.5f, at.y + ImGui::GetStyle().FramePadding.y), ImGui::GetColorU32(ImGuiCol_Text), label);
    }
    if (plot::wheel_hint_shown(wheel_turned_at_, ImGui::GetTime())) {
        draw_wheel_hint(draw, plot::Rect{min.x, min.y, max.x, max.y});
    }
    draw.PopClipRect();
    ImGui::TextDisabled("Drag to pan, Ctrl (\xE2\x8C\x98) + wheel to zoom, double-click to fit; Shift + drag selects rows with a");
    ImGui::SameLine();
    int tool = lasso_ ? 1 : 0;
    ImGui::RadioButton("box", &tool, 0);
    ImGui::SameLine();
    ImGui::RadioButton("lasso", &tool, 1);
    lasso_ = tool == 1;
}

}  // namespace tb::ui
