// The evaluation report's charts, drawn with ImDrawList. Each chart is one invisible item, and what is
// under the mouse is worked out from its position: the chart stays a single rectangle to export, and a
// 21-column heatmap does not cost 420 items a frame.
#include "ui/eval_charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <utility>

namespace tb::ui {

namespace {

// The plot palette's first hue (plot_canvas.cpp), so results read in the same blue on every chart.
constexpr ImVec4 kStrong(0.36f, 0.62f, 0.98f, 1.0f);

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

// Oklab, where equal steps look equal: mixing there makes a share of 0.5 look half as strong as 1,
// which mixing sRGB values does not (it darkens and greys the middle).
struct Lab { float l, a, b; };
float to_linear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }
float to_srgb(float c) { return c <= 0.0031308f ? std::max(c, 0.0f) * 12.92f : 1.055f * std::pow(std::min(c, 1.0f), 1 / 2.4f) - 0.055f; }
Lab to_lab(ImVec4 c) {
    const float r = to_linear(c.x), g = to_linear(c.y), b = to_linear(c.z);
    const float l = std::cbrt(0.4122214708f * r + 0.5363325363f * g + 0.0514459929f * b);
    const float m = std::cbrt(0.2119034982f * r + 0.6806995451f * g + 0.1073969566f * b);
    const float s = std::cbrt(0.0883024619f * r + 0.2817188376f * g + 0.6299787005f * b);
    return {0.2104542553f * l + 0.7936177850f * m - 0.0040720468f * s,
            1.9779984951f * l - 2.4285922050f * m + 0.4505937099f * s,
            0.0259040371f * l + 0.7827717662f * m - 0.8086757660f * s};
}
ImVec4 from_lab(Lab c) {
    const float l = std::pow(c.l + 0.3963377774f * c.a + 0.2158037573f * c.b, 3.0f);
    const float m = std::pow(c.l - 0.1055613458f * c.a - 0.0638541728f * c.b, 3.0f);
    const float s = std::pow(c.l - 0.0894841775f * c.a - 1.2914855480f * c.b, 3.0f);
    return ImVec4(to_srgb(4.0767416621f * l - 3.3077115913f * m + 0.2309699292f * s),
                  to_srgb(-1.2684380046f * l + 2.6097574011f * m - 0.3413193965f * s),
                  to_srgb(-0.0041960863f * l - 0.7034186147f * m + 1.7076147010f * s), 1.0f);
}
Lab mix(Lab from, Lab to, float t) {
    return {from.l + (to.l - from.l) * t, from.a + (to.a - from.a) * t, from.b + (to.b - from.b) * t};
}

}  // namespace

ChartRect draw_accuracy_chart(const char* id, const std::vector<AccuracyBar>& bars, float width) {
    if (bars.empty()) {
        ImGui::TextDisabled("No results yet.");
        return {};
    }
    const float font = ImGui::GetFontSize();
    const float w = std::max(width > 0 ? width : ImGui::GetContentRegionAvail().x, font * 16);
    float name_w = 0;
    for (const AccuracyBar& bar : bars) name_w = std::max(name_w, ImGui::CalcTextSize(bar.name.c_str()).x);
    name_w = std::min(name_w, w * 0.4f);
    const float row_h = std::round(font * 1.7f), bar_h = std::round(font * 1.05f);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    // Room on the right for the value written after a bar that reaches 1.
    const float x0 = std::round(min.x + name_w + font * 0.8f);
    const float x1 = std::round(min.x + w - ImGui::CalcTextSize("0.00").x - font * 0.8f);
    const float top = std::round(min.y + font * 0.2f), bottom = top + row_h * static_cast<float>(bars.size());
    const ImVec2 max(min.x + w, bottom + font * 1.5f);
    ImGui::InvisibleButton(id, ImVec2(max.x - min.x, max.y - min.y));
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const int hovered = ImGui::IsItemHovered() && mouse.y >= top && mouse.y < bottom
                            ? static_cast<int>((mouse.y - top) / row_h) : -1;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    const auto px = [&](double v) { return std::round(x0 + (x1 - x0) * static_cast<float>(v)); };

    // Grid every 0.1, labelled every 0.2: ten labels would crowd a narrow panel.
    for (int i = 0; i <= 10; ++i) {
        const float x = px(i / 10.0);
        draw.AddLine(ImVec2(x, top), ImVec2(x, bottom), colour(ImGuiCol_Text, i % 2 == 0 ? 0.13f : 0.05f));
        if (i % 2 != 0) continue;
        const std::string label = i == 0 ? "0" : i == 10 ? "1" : "0." + std::to_string(i);
        text_at(draw, ImVec2(x - ImGui::CalcTextSize(label.c_str()).x / 2, bottom + font * 0.25f), colour(ImGuiCol_TextDisabled), label);
    }
    const float whisker = std::max(1.0f, std::round(font / 10)), cap = std::round(bar_h * 0.35f);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const AccuracyBar& bar = bars[i];
        const float y = top + row_h * static_cast<float>(i), mid = std::round(y + row_h / 2);
        if (static_cast<int>(i) == hovered) draw.AddRectFilled(ImVec2(min.x, y), ImVec2(max.x, y + row_h), colour(ImGuiCol_Text, 0.05f));
        const ImU32 ink = colour(bar.partial ? ImGuiCol_TextDisabled : ImGuiCol_Text);
        text_at(draw, ImVec2(min.x, mid - font / 2), ink, elided(bar.name, name_w));
        const double accuracy = unit(bar.accuracy);
        const float end = std::max(px(accuracy), x0 + 1), lo = px(unit(std::min(bar.low, bar.high))),
                    hi = px(unit(std::max(bar.low, bar.high)));
        ImVec4 fill = kStrong;
        fill.w = bar.partial ? 0.4f : static_cast<int>(i) == hovered ? 1.0f : 0.85f;
        draw.AddRectFilled(ImVec2(x0, mid - bar_h / 2), ImVec2(end, mid + bar_h / 2), ImGui::ColorConvertFloat4ToU32(fill),
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
    if (hovered >= 0 && hovered < static_cast<int>(bars.size())) {
        const AccuracyBar& bar = bars[static_cast<std::size_t>(hovered)];
        const double accuracy = unit(bar.accuracy);
        char line[96] = "No rows scored yet.";
        if (bar.rows > 0) {
            std::snprintf(line, sizeof line, "%.2f (%lld of %zu); 95 %% CI %.2f–%.2f", accuracy,
                          std::llround(accuracy * static_cast<double>(bar.rows)), bar.rows,
                          unit(std::min(bar.low, bar.high)), unit(std::max(bar.low, bar.high)));
        }
        tooltip(bar.name + "\n" + line + (bar.partial ? "\nPartial: not every row has been answered yet." : ""));
    }
    return {min, max};
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
    const float cell = std::round(cell_size > 0 ? cell_size : std::clamp(fit, font * 1.6f, font * 4.0f));
    const auto fits = [&](const std::string& label) { return ImGui::CalcTextSize(label.c_str()).x <= cell - font * 0.3f; };
    // Column headers: the names when they all fit a cell, else numbers and a legend. CFPB products are long
    // and share their first words, so no abbreviation of them would both fit and tell them apart.
    const bool numbered = !std::all_of(classes.begin(), classes.end(), fits);
    const std::string invalid = fits("invalid") ? "invalid" : "inv.";
    const auto label = [&](std::size_t p) { return p == k ? invalid : numbered ? std::to_string(p + 1) : classes[p]; };
    // With numbers, each row's number is written again by the grid, so its diagonal is easy to find.
    const float key_w = numbered ? ImGui::CalcTextSize(std::to_string(k).c_str()).x + gap : 0;

    const ImVec2 min = ImGui::GetCursorScreenPos();
    const float gx = std::round(min.x + name_w + gap + key_w), gy = std::round(min.y + font * 2.7f);
    const auto cell_x = [&](std::size_t p) { return gx + cell * static_cast<float>(p) + (p == k ? split : 0); };
    const float grid_bottom = gy + cell * static_cast<float>(k);
    // The legend flows in lines under the grid. It is laid out first, as the item's size includes it.
    std::vector<std::pair<ImVec2, std::string>> legend;
    float right = cell_x(k) + cell, y = grid_bottom + font * 0.6f, x = 0;
    const float line_w = std::max(avail, right - min.x);
    for (std::size_t i = 0; i <= k; ++i) {
        if (i < k ? !numbered : invalid == "invalid") continue;
        const std::string entry = elided(label(i) + " = " + (i < k ? classes[i] : "none of the classes"), line_w);
        const float entry_w = ImGui::CalcTextSize(entry.c_str()).x;
        if (x > 0 && x + entry_w > line_w) {
            x = 0;
            y += font * 1.35f;
        }
        legend.emplace_back(ImVec2(min.x + x, y), entry);
        right = std::max(right, min.x + x + entry_w);
        x += entry_w + font * 1.2f;
    }
    const ImVec2 max(right, legend.empty() ? grid_bottom + font * 0.3f : y + font * 1.35f);
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
    text_at(draw, min, faint, "True class");
    text_at(draw, ImVec2(gx, min.y), faint, "Answered");
    for (std::size_t p = 0; p <= k; ++p) {
        const float w = ImGui::CalcTextSize(label(p).c_str()).x;
        text_at(draw, ImVec2(cell_x(p) + (cell - w) / 2, min.y + font * 1.35f), p < k ? text : faint, label(p));
    }
    // 0 is the frame background rather than the window's, so an empty cell still shows as a cell.
    const Lab empty = to_lab(ImGui::GetStyleColorVec4(ImGuiCol_FrameBg)), full = to_lab(kStrong);
    const float inset = std::max(1.0f, std::round(font / 15)), outline = std::max(1.0f, std::round(font / 10));
    for (std::size_t t = 0; t < k; ++t) {
        const float top = gy + cell * static_cast<float>(t), mid = top + (cell - font) / 2;
        text_at(draw, ImVec2(min.x, mid), totals[t] ? text : faint, elided(classes[t], name_w));
        if (numbered) text_at(draw, ImVec2(gx - gap - ImGui::CalcTextSize(label(t).c_str()).x, mid), faint, label(t));
        for (std::size_t p = 0; p <= k; ++p) {
            const ImVec2 a(cell_x(p) + inset, top + inset), b(cell_x(p) + cell - inset, top + cell - inset);
            const float share = totals[t] ? static_cast<float>(count(t, p)) / static_cast<float>(totals[t]) : 0.0f;
            const Lab lab = mix(empty, full, share);
            draw.AddRectFilled(a, b, ImGui::ColorConvertFloat4ToU32(from_lab(lab)));
            const std::string value = std::to_string(count(t, p));
            const float w = ImGui::CalcTextSize(value.c_str()).x;
            // Dark text once the cell is light; a 0 stays quiet so the counts that matter stand out.
            const ImU32 ink = lab.l > 0.6f ? colour(ImGuiCol_WindowBg) : count(t, p) ? text : colour(ImGuiCol_Text, 0.3f);
            if (w <= cell - font * 0.3f) text_at(draw, ImVec2((a.x + b.x - w) / 2, mid), ink, value);
            if (p == t) draw.AddRect(a, b, colour(ImGuiCol_Text, 0.8f), 0, 0, outline);
            if (t == ht && p == hp) draw.AddRect(ImVec2(a.x - inset, a.y - inset), ImVec2(b.x + inset, b.y + inset), text, 0, 0, outline);
        }
    }
    for (const auto& [at, entry] : legend) text_at(draw, at, faint, entry);

    if (ht < k && hp <= k) {
        const std::size_t n = count(ht, hp), total = totals[ht];
        const double percent = total ? 100.0 * static_cast<double>(n) / static_cast<double>(total) : 0;
        const std::string share = n > 0 && percent < 0.5 ? "<1" : std::to_string(std::llround(percent));
        tooltip("True: " + classes[ht] + " · Answered: " + (hp < k ? classes[hp] : "invalid") + " · " + std::to_string(n) +
                (n == 1 ? " row (" : " rows (") + (total ? share + " % of " + classes[ht] : "no test rows") + ")");
    }
    return {min, max};
}

}  // namespace tb::ui
