// The evaluation report's charts, drawn with ImDrawList. Each chart is one invisible item, and what is
// under the mouse is worked out from its position: the chart stays a single rectangle to export, and a
// 21-column heatmap does not cost 420 items a frame.
#include "ui/eval_charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <utility>

#include "core/plot/accuracy_chart.h"
#include "core/plot/heatmap.h"
#include "core/plot/short_labels.h"
#include "ui/turned_text.h"

namespace tb::ui {

namespace {

// The plot palette's first hue (plot_canvas.cpp), so results read in the same blue on every chart.
constexpr ImVec4 kStrong(0.36f, 0.62f, 0.98f, 1.0f);
// The palette's yellow: the baseline is a reference, not a candidate, so none of the bars' blue.
constexpr ImVec4 kBaseline(0.92f, 0.80f, 0.32f, 1.0f);

ImU32 colour(ImGuiCol which, float alpha = 1.0f) {
    ImVec4 c = ImGui::GetStyleColorVec4(which);
    c.w *= alpha;
    return ImGui::ColorConvertFloat4ToU32(c);
}

// A value for the 0..1 axis; NaN (a candidate with nothing scored) reads as 0.
double unit(double v) { return std::isfinite(v) ? std::clamp(v, 0.0, 1.0) : 0.0; }

// `text` cut to `max_width` pixels, ending in "…" when cut. ImFont stops between characters, so a
// multi-byte letter is never split.
std::string elided(std::string_view text, float max_width) {
    const char* end = text.data() + text.size();
    if (ImGui::CalcTextSize(text.data(), end).x <= max_width) return std::string(text);
    const char* cut = text.data();
    const float room = std::max(max_width - ImGui::CalcTextSize("…").x, 0.0f);
    ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize(), room, -1.0f, text.data(), end, &cut);
    std::string out(text.data(), cut);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "…";
}

// Wrapped, as candidate and CFPB class names make one-line tooltips wider than the panel.
void tooltip(const std::string& text) {
    if (!ImGui::BeginTooltip()) return;
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void text_at(ImDrawList& draw, ImVec2 at, ImU32 col, const std::string& text) {
    draw.AddText(ImVec2(std::round(at.x), std::round(at.y)), col, text.c_str(), text.c_str() + text.size());
}

ImU32 u32(plot::Rgb c) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, 1.0f)); }

// Where the accuracy chart's parts go: names from min.x, bars from x0 (0) to x1 (1), rows row_h apart
// from `top` down to `bottom`, the tick labels and the axis's title under them, down to max.y. The
// line above the bars is the baseline's label's.
struct BarLayout {
    ImVec2 min, max;
    float name_w, x0, x1, top, bottom, row_h, bar_h;
};

BarLayout lay_out_bars(const std::vector<AccuracyBar>& bars, ImVec2 min, float width, float row_h) {
    const float font = ImGui::GetFontSize();
    BarLayout l;
    l.min = min;
    l.name_w = 0;
    for (const AccuracyBar& bar : bars) l.name_w = std::max(l.name_w, ImGui::CalcTextSize(bar.name.c_str()).x);
    l.name_w = std::min(l.name_w, width * 0.4f);
    l.row_h = std::round(row_h);
    l.bar_h = std::round(std::min(row_h * 0.62f, font * 1.6f));
    // Room on the right for the value written after a bar that reaches 1.
    l.x0 = std::round(min.x + l.name_w + font * 0.8f);
    l.x1 = std::round(min.x + width - ImGui::CalcTextSize("0.00").x - font * 0.8f);
    l.top = std::round(min.y + font * 1.5f);
    l.bottom = l.top + l.row_h * static_cast<float>(bars.size());
    l.max = ImVec2(min.x + width, l.bottom + font * 2.9f);
    return l;
}

// Draws the chart laid out by `l`, bars in `order`; `hovered` is a row (or -1), highlighted.
void paint_bars(ImDrawList& draw, const BarLayout& l, const std::vector<AccuracyBar>& bars, const std::vector<std::size_t>& order,
                const AccuracyChartText& text, int hovered) {
    const float font = ImGui::GetFontSize();
    const auto px = [&](double v) { return std::round(l.x0 + (l.x1 - l.x0) * static_cast<float>(v)); };
    // Grid every 0.1, labelled every 0.2: ten labels would crowd a narrow panel.
    for (int i = 0; i <= 10; ++i) {
        const float x = px(i / 10.0);
        draw.AddLine(ImVec2(x, l.top), ImVec2(x, l.bottom), colour(ImGuiCol_Text, i % 2 == 0 ? 0.13f : 0.05f));
        if (i % 2 != 0) continue;
        const std::string label = i == 0 ? "0" : i == 10 ? "1" : "0." + std::to_string(i);
        text_at(draw, ImVec2(x - ImGui::CalcTextSize(label.c_str()).x / 2, l.bottom + font * 0.25f), colour(ImGuiCol_TextDisabled), label);
    }
    const float title_w = ImGui::CalcTextSize(text.x_axis.c_str()).x;
    text_at(draw, ImVec2(std::max(l.min.x, (l.x0 + l.x1 - title_w) / 2), l.bottom + font * 1.55f), colour(ImGuiCol_Text), text.x_axis);
    const float whisker = std::max(1.0f, std::round(font / 10)), cap = std::round(l.bar_h * 0.35f);
    for (std::size_t row = 0; row < order.size(); ++row) {
        const AccuracyBar& bar = bars[order[row]];
        const float y = l.top + l.row_h * static_cast<float>(row), mid = std::round(y + l.row_h / 2);
        if (static_cast<int>(row) == hovered) draw.AddRectFilled(ImVec2(l.min.x, y), ImVec2(l.max.x, y + l.row_h), colour(ImGuiCol_Text, 0.05f));
        const ImU32 ink = colour(bar.partial ? ImGuiCol_TextDisabled : ImGuiCol_Text);
        text_at(draw, ImVec2(l.min.x, mid - font / 2), ink, elided(bar.name, l.name_w));
        const double accuracy = unit(bar.accuracy);
        const float end = std::max(px(accuracy), l.x0 + 1), lo = px(unit(std::min(bar.low, bar.high))),
                    hi = px(unit(std::max(bar.low, bar.high)));
        ImVec4 fill = kStrong;
        fill.w = bar.partial ? 0.4f : static_cast<int>(row) == hovered ? 1.0f : 0.85f;
        draw.AddRectFilled(ImVec2(l.x0, mid - l.bar_h / 2), ImVec2(end, mid + l.bar_h / 2), ImGui::ColorConvertFloat4ToU32(fill),
                           font * 0.15f, ImDrawFlags_RoundCornersRight);
        // A dark halo under the light whisker keeps it visible on the bar and off it alike.
        for (const auto& [thickness, col] : {std::pair{whisker + 2, colour(ImGuiCol_WindowBg, 0.7f)}, std::pair{whisker, ink}}) {
            draw.AddLine(ImVec2(lo, mid), ImVec2(hi, mid), col, thickness);
            draw.AddLine(ImVec2(lo, mid - cap), ImVec2(lo, mid + cap), col, thickness);
            draw.AddLine(ImVec2(hi, mid - cap), ImVec2(hi, mid + cap), col, thickness);
        }
        char value[16];
        std::snprintf(value, sizeof value, "%.2f", accuracy);
        text_at(draw, ImVec2(std::max(end, hi) + font * 0.4f, mid - font / 2), ink, value);
    }
    if (!std::isfinite(text.baseline)) return;
    // The baseline: dashed across the bars (they stay readable through the gaps), named above them.
    const ImU32 line = ImGui::ColorConvertFloat4ToU32(kBaseline);
    const float x = px(unit(text.baseline)), dash = std::round(font * 0.45f), thickness = std::max(1.0f, std::round(font / 8));
    for (float y = l.top - font * 0.2f; y < l.bottom; y += dash * 1.8f) {
        draw.AddLine(ImVec2(x, y), ImVec2(x, std::min(y + dash, l.bottom)), line, thickness);
    }
    char label[48];
    std::snprintf(label, sizeof label, "Majority-class baseline %.2f", unit(text.baseline));
    const float w = ImGui::CalcTextSize(label).x;
    text_at(draw, ImVec2(std::clamp(x - w / 2, l.x0, std::max(l.x0, l.max.x - w)), l.top - font * 1.35f), line, label);
}

}  // namespace

ChartRect draw_accuracy_chart(const char* id, const std::vector<AccuracyBar>& bars, const AccuracyChartText& text, float width) {
    if (bars.empty()) {
        ImGui::TextDisabled("No results yet.");
        return {};
    }
    const float font = ImGui::GetFontSize();
    const float w = std::max(width > 0 ? width : ImGui::GetContentRegionAvail().x, font * 16);
    std::vector<double> accuracies;
    for (const AccuracyBar& bar : bars) accuracies.push_back(bar.rows > 0 ? bar.accuracy : std::nan(""));
    const std::vector<std::size_t> order = plot::best_first(accuracies);
    const BarLayout l = lay_out_bars(bars, ImGui::GetCursorScreenPos(), w, font * 1.7f);
    ImGui::InvisibleButton(id, ImVec2(l.max.x - l.min.x, l.max.y - l.min.y));
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const int hovered = ImGui::IsItemHovered() && mouse.y >= l.top && mouse.y < l.bottom
                            ? static_cast<int>((mouse.y - l.top) / l.row_h) : -1;
    paint_bars(*ImGui::GetWindowDrawList(), l, bars, order, text, hovered);
    if (hovered >= 0 && hovered < static_cast<int>(bars.size())) {
        const AccuracyBar& bar = bars[order[static_cast<std::size_t>(hovered)]];
        const double accuracy = unit(bar.accuracy);
        char line[96] = "No rows scored yet.";
        if (bar.rows > 0) {
            std::snprintf(line, sizeof line, "%.2f (%lld of %zu); 95 %% CI %.2f–%.2f", accuracy,
                          std::llround(accuracy * static_cast<double>(bar.rows)), bar.rows,
                          unit(std::min(bar.low, bar.high)), unit(std::max(bar.low, bar.high)));
        }
        tooltip(bar.name + "\n" + line + (bar.partial ? "\nPartial: not every row has been answered yet." : ""));
    }
    return {l.min, l.max};
}

void compose_accuracy_image(const std::vector<AccuracyBar>& bars, const AccuracyChartText& text, const std::string& title,
                            const std::string& rows, double epoch_now, const std::string& file_name, PlotImage& image) {
    std::vector<ImageLegendEntry> legend = {{"Accuracy", ImGui::ColorConvertFloat4ToU32(kStrong)},
                                            {"95 % interval (whisker)", colour(ImGuiCol_Text)}};
    if (std::isfinite(text.baseline)) legend.push_back({"Majority-class baseline (dashed)", ImGui::ColorConvertFloat4ToU32(kBaseline)});
    const plot::Rect area = begin_chart_image(image, file_name, title, legend, rows, epoch_now);
    const float font = ImGui::GetFontSize(), height = static_cast<float>(area.y1 - area.y0);
    // The bars share the height: thick for a few candidates, thinner (never below a line) for many.
    const float n = static_cast<float>(std::max<std::size_t>(bars.size(), 1));
    const float row_h = std::clamp((height - font * 4.4f) / n, font * 1.3f, font * 4.5f);
    // A few bars do not fill the height: the chart sits in the middle of it rather than at the top.
    const float spare = std::max(0.0f, height - font * 4.4f - row_h * n);
    std::vector<double> accuracies;
    for (const AccuracyBar& bar : bars) accuracies.push_back(bar.rows > 0 ? bar.accuracy : std::nan(""));
    const BarLayout l = lay_out_bars(bars, ImVec2(static_cast<float>(area.x0), std::round(static_cast<float>(area.y0) + spare / 2)),
                                     static_cast<float>(area.x1 - area.x0), row_h);
    paint_bars(image.room_for(bars.size() * 800 + 4000), l, bars, plot::best_first(accuracies), text, -1);
}

ChartRect draw_confusion_heatmap(const char* id, const std::vector<std::string>& classes,
                                 const std::vector<std::vector<std::size_t>>& counts, float cell_size) {
    if (classes.empty()) {
        ImGui::TextDisabled("No results yet.");
        return {};
    }
    const std::size_t k = classes.size();
    const auto count = [&](std::size_t t, std::size_t p) -> std::size_t {
        return t < counts.size() && p < counts[t].size() ? counts[t][p] : 0;
    };
    std::vector<std::size_t> totals(k, 0);
    for (std::size_t t = 0; t < k; ++t) {
        for (std::size_t p = 0; p <= k; ++p) totals[t] += count(t, p);
    }
    const float font = ImGui::GetFontSize(), avail = std::max(ImGui::GetContentRegionAvail().x, font * 16);
    float name_w = ImGui::CalcTextSize("True class").x;
    for (const std::string& name : classes) name_w = std::max(name_w, ImGui::CalcTextSize(name.c_str()).x);
    name_w = std::min(name_w, std::max(font * 6, avail * 0.3f));
    const float gap = font * 0.6f, split = std::round(font * 0.35f);  // `split` sets "invalid" apart
    const float fit = (avail - name_w - gap * 2 - font * 1.5f - split) / static_cast<float>(k + 1);
    const float cell = std::round(cell_size > 0 ? cell_size : std::clamp(fit, font * 1.8f, font * 4.0f));
    // Column names turned, so each has up to 9 em however narrow its column: shortened beyond that.
    const float header_room = font * 9;
    std::vector<std::string> labels = plot::short_labels(classes, [&](std::string_view label) {
        return ImGui::CalcTextSize(label.data(), label.data() + label.size()).x <= header_room;
    });
    labels.push_back("invalid");
    float header_h = 0;
    for (const std::string& label : labels) header_h = std::max(header_h, ImGui::CalcTextSize(label.c_str()).x);
    header_h = std::round(header_h + font * 0.5f);

    const ImVec2 min = ImGui::GetCursorScreenPos();
    const float header_top = std::round(min.y + font * 1.4f);
    const float gx = std::round(min.x + name_w + gap), gy = header_top + header_h;
    const auto cell_x = [&](std::size_t p) { return gx + cell * static_cast<float>(p) + (p == k ? split : 0); };
    const float grid_bottom = gy + cell * static_cast<float>(k);
    // The colour scale under the grid: one ramp for right answers, one for wrong ones.
    const char* const kRamps[] = {"Right (diagonal, outlined)", "Wrong (off the diagonal)"};
    const float ramp_label_w = std::max(ImGui::CalcTextSize(kRamps[0]).x, ImGui::CalcTextSize(kRamps[1]).x);
    const float ramp_x = std::round(min.x + ramp_label_w + gap + ImGui::CalcTextSize("0 %").x + font * 0.4f);
    const float ramp_w = std::round(font * 8), scale_top = grid_bottom + font * 0.9f, line_h = std::round(font * 1.4f);
    const char* const kScaleNote = "Shade: share of the true class's rows; each cell's number: rows";
    const float right = std::max({cell_x(k) + cell, ramp_x + ramp_w + font * 0.4f + ImGui::CalcTextSize("100 %").x,
                                  min.x + ImGui::CalcTextSize(kScaleNote).x});
    const ImVec2 max(right, scale_top + line_h * 3);
    ImGui::InvisibleButton(id, ImVec2(max.x - min.x, max.y - min.y));
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool hovered = ImGui::IsItemHovered();
    // The row and column under the mouse; k + 1 for none.
    std::size_t ht = k + 1, hp = k + 1;
    if (hovered && mouse.y >= gy && mouse.y < grid_bottom) ht = static_cast<std::size_t>((mouse.y - gy) / cell);
    for (std::size_t p = 0; p <= k && hovered; ++p) {
        if (mouse.x >= cell_x(p) && mouse.x < cell_x(p) + cell) hp = p;
    }

    ImDrawList& draw = *ImGui::GetWindowDrawList();
    const ImU32 text = colour(ImGuiCol_Text), faint = colour(ImGuiCol_TextDisabled);
    text_at(draw, ImVec2(min.x, gy - font * 1.35f), faint, "True class \xe2\x86\x93");
    text_at(draw, ImVec2(gx, min.y), faint, "Answered \xe2\x86\x92");
    for (std::size_t p = 0; p <= k; ++p) {
        const float w = ImGui::CalcTextSize(labels[p].c_str()).x;
        add_turned_text(draw, min, ImVec2(std::round(cell_x(p) + cell / 2), std::round(gy - font * 0.3f - w / 2)),
                        p < k ? text : faint, labels[p]);
    }
    const plot::HeatmapScheme scheme;
    const float inset = std::max(1.0f, std::round(font / 15)), outline = std::max(1.0f, std::round(font / 10));
    for (std::size_t t = 0; t < k; ++t) {
        const float top = gy + cell * static_cast<float>(t), mid = top + (cell - font) / 2;
        text_at(draw, ImVec2(min.x, mid), totals[t] ? text : faint, elided(classes[t], name_w));
        for (std::size_t p = 0; p <= k; ++p) {
            const ImVec2 a(cell_x(p) + inset, top + inset), b(cell_x(p) + cell - inset, top + cell - inset);
            const double share = totals[t] ? static_cast<double>(count(t, p)) / static_cast<double>(totals[t]) : 0.0;
            const plot::Rgb fill = plot::cell_colour(scheme, p == t, share);
            draw.AddRectFilled(a, b, u32(fill));
            const std::string value = std::to_string(count(t, p));
            const float w = ImGui::CalcTextSize(value.c_str()).x;
            if (w <= cell - font * 0.3f) text_at(draw, ImVec2((a.x + b.x - w) / 2, mid), u32(plot::cell_ink(scheme, fill)), value);
            if (p == t) draw.AddRect(a, b, colour(ImGuiCol_Text, 0.8f), 0, 0, outline);
            if (t == ht && p == hp) draw.AddRect(ImVec2(a.x - inset, a.y - inset), ImVec2(b.x + inset, b.y + inset), text, 0, 0, outline);
        }
    }
    for (int ramp = 0; ramp < 2; ++ramp) {
        const float y = scale_top + line_h * static_cast<float>(ramp);
        text_at(draw, ImVec2(min.x, y), text, kRamps[ramp]);
        text_at(draw, ImVec2(ramp_x - font * 0.4f - ImGui::CalcTextSize("0 %").x, y), faint, "0 %");
        constexpr int kSteps = 16;
        for (int i = 0; i < kSteps; ++i) {
            const float x0 = ramp_x + ramp_w * static_cast<float>(i) / kSteps, x1 = ramp_x + ramp_w * static_cast<float>(i + 1) / kSteps;
            const plot::Rgb c = plot::cell_colour(scheme, ramp == 0, (i + 0.5) / kSteps);
            draw.AddRectFilled(ImVec2(std::round(x0), y + font * 0.1f), ImVec2(std::round(x1), y + font * 0.95f), u32(c));
        }
        text_at(draw, ImVec2(ramp_x + ramp_w + font * 0.4f, y), faint, "100 %");
    }
    text_at(draw, ImVec2(min.x, scale_top + line_h * 2), faint, kScaleNote);

    if (ht < k && hp <= k) {
        const std::size_t n = count(ht, hp), total = totals[ht];
        const double percent = total ? 100.0 * static_cast<double>(n) / static_cast<double>(total) : 0;
        const std::string share = n > 0 && percent < 0.5 ? "<1" : std::to_string(std::llround(percent));
        tooltip("True: " + classes[ht] + " · Answered: " + (hp < k ? classes[hp] : "invalid") + " · " + std::to_string(n) +
                (n == 1 ? " row (" : " rows (") + (total ? share + " % of " + classes[ht] : "no test rows") + ")" +
                (hp == ht ? " · right" : " · wrong"));
    } else if (hovered && hp < k && mouse.y >= header_top && mouse.y < gy) {
        tooltip("Answered: " + classes[hp]);  // a column's name, whole
    } else if (hovered && ht < k && mouse.x < gx) {
        tooltip("True class: " + classes[ht]);  // a row's name, whole
    }
    return {min, max};
}

}  // namespace tb::ui
