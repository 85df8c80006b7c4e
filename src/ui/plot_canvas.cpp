// The plot widget: ImGui items for everything clickable (so automation finds them by label), the
// canvas drawn with ImDrawList. All the arithmetic (ticks, smoothing, decimation, zoom) is in
// core/plot; this file lays out, draws and turns mouse input into View changes.
#include "ui/plot_canvas.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>

#include "core/plot/decimate.h"
#include "core/plot/derived.h"
#include "core/plot/extents.h"
#include "core/plot/mapping.h"
#include "core/plot/nearest.h"
#include "core/plot/tick_format.h"
#include "core/plot/ticks.h"
#include "core/plot/wheel.h"

namespace tb::ui {

namespace {

// One hue per series name, bright enough on the dark theme's ChildBg. Blue and orange come first: the
// pair that most colour-blind readers still tell apart goes to the two curves drawn most.
constexpr std::array<ImVec4, 8> kPalette = {{
    {0.36f, 0.62f, 0.98f, 1.0f},  // blue
    {0.98f, 0.60f, 0.24f, 1.0f},  // orange
    {0.40f, 0.82f, 0.52f, 1.0f},  // green
    {0.95f, 0.44f, 0.56f, 1.0f},  // rose
    {0.72f, 0.58f, 0.98f, 1.0f},  // violet
    {0.32f, 0.80f, 0.86f, 1.0f},  // teal
    {0.92f, 0.80f, 0.32f, 1.0f},  // yellow
    {0.78f, 0.79f, 0.83f, 1.0f},  // grey
}};

// Runs share their series' hues and differ in lightness: the first run as is, then lighter, deeper,
// paler. Dashes would say "run" more loudly, but on noisy loss curves they dissolve into the noise and
// cost a draw call per dash; the legend and the tooltip name the run.
ImVec4 shade(ImVec4 colour, std::size_t run) {
    const auto mix = [&](float to, float amount) {
        return ImVec4(colour.x + (to - colour.x) * amount, colour.y + (to - colour.y) * amount,
                      colour.z + (to - colour.z) * amount, colour.w);
    };
    switch (run % 4) {
        case 1: return mix(1.0f, 0.45f);
        case 2: return mix(0.0f, 0.38f);
        case 3: return mix(1.0f, 0.72f);
        default: return colour;
    }
}

// Raw values under a smoothed line: faint, so the smoothed line reads on top. A dense series (several
// points per pixel column) zigzags over each column three times, so its segments overlap and add up:
// it gets a lower alpha so its band of noise looks no louder than a sparse series' line.
float raw_alpha(const std::vector<plot::Point>& decimated, const plot::Window& window, int columns) {
    if (decimated.size() < 2) return 0.22f;
    // The columns the line spans (not the whole width: a run may have stopped early).
    const double spanned = (decimated.back().x - decimated.front().x) / (window.x_max - window.x_min) * columns;
    return static_cast<double>(decimated.size()) > 2 * std::max(spanned, 1.0) ? 0.09f : 0.22f;
}

ImU32 with_alpha(ImVec4 colour, float alpha) {
    colour.w *= alpha;
    return ImGui::ColorConvertFloat4ToU32(colour);
}

// Names and runs in order of first appearance: a series' colour and shade are its indices here, so a
// name keeps its colour for as long as the caller passes series in the same order.
struct Legend {
    std::vector<std::string_view> names, runs;

    static std::size_t index_of(std::vector<std::string_view>& list, std::string_view value) {
        const auto it = std::find(list.begin(), list.end(), value);
        if (it != list.end()) return static_cast<std::size_t>(it - list.begin());
        list.push_back(value);
        return list.size() - 1;
    }
    ImVec4 colour(const plot::Series& s) {
        return shade(kPalette[index_of(names, s.name) % kPalette.size()], index_of(runs, s.run));
    }
};

// Which legend entry the mouse is on, so its lines stand out and the others step back.
struct Emphasis {
    std::optional<std::string_view> name, run;
    float alpha(const plot::Series& s) const {
        if (name && *name != s.name) return 0.25f;
        if (run && *run != s.run) return 0.25f;
        return 1.0f;
    }
};

// Items placed left to right, wrapping to a new line when the next would not fit.
void flow(float item_width, bool first) {
    if (first) return;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    ImGui::SameLine();
    if (ImGui::GetCursorScreenPos().x + item_width > right) ImGui::NewLine();
}

float checkbox_width(const char* label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

// A legend entry: a checkbox whose box carries the colour. Returns whether it was toggled.
bool legend_checkbox(const std::string& label, ImVec4 colour, bool& shown, bool first) {
    flow(checkbox_width(label.c_str()), first);
    ImGui::PushStyleColor(ImGuiCol_CheckMark, colour);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(colour.x, colour.y, colour.z, 0.22f));
    ImGui::PushStyleColor(ImGuiCol_FrameBgHovered, ImVec4(colour.x, colour.y, colour.z, 0.35f));
    const bool dimmed = !shown;  // a hidden entry's label greys out
    if (dimmed) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    const bool toggled = ImGui::Checkbox(label.c_str(), &shown);
    ImGui::PopStyleColor(dimmed ? 4 : 3);
    return toggled;
}

struct Layout {
    plot::Rect rect;  // the data area, inside the axes
    std::vector<plot::Tick> x_ticks, y_ticks;
};

// Margins come from the labels: the y labels' width decides where the data area starts. The axis
// titles take a line each: the x axis's below its labels, the y axis's above the data, level, as a
// turned title would have to be cut to the height of a short plot.
Layout lay_out(const plot::Window& window, bool log_y, ImVec2 min, ImVec2 max) {
    const float font = ImGui::GetFontSize();
    Layout layout;
    const double top = min.y + font * 1.9;
    const double bottom = max.y - font * 3.0;
    const auto height = [](std::string_view) { return static_cast<double>(ImGui::GetFontSize()); };
    layout.y_ticks = plot::axis_ticks(window.y_min, window.y_max, log_y, bottom - top, height, font * 0.8);
    float label_width = 0;
    for (const plot::Tick& tick : layout.y_ticks) {
        label_width = std::max(label_width, ImGui::CalcTextSize(tick.label.c_str()).x);
    }
    // Whole pixels, so the frame and the gridlines are crisp.
    layout.rect = plot::Rect{std::round(min.x + label_width + font * 0.9), std::round(top),
                             std::round(max.x - font * 0.9), std::round(bottom)};
    const auto width = [](std::string_view label) {
        return static_cast<double>(ImGui::CalcTextSize(label.data(), label.data() + label.size()).x);
    };
    layout.x_ticks = plot::axis_ticks(window.x_min, window.x_max, false, layout.rect.x1 - layout.rect.x0, width,
                                      font * 1.2);
    return layout;
}

// What one series contributes this frame, decimated to the canvas's columns.
struct SeriesCache;

struct Line {
    const plot::Series* series = nullptr;
    ImVec4 colour;
    float emphasis = 1;
    SeriesCache* cache = nullptr;  // its smoothed points and its decimated lines
};

// Reused from frame to frame: the canvas runs every frame and its buffers are large.
struct Scratch {
    std::vector<ImVec2> pixels;
    std::vector<plot::Point> fine;  // a line's points before merging columns
    std::vector<Line> lines;
};

// Vertices AddPolyline() spends per point with the draw list's current flags (see imgui_draw.cpp).
int vertices_per_point(const ImDrawList& draw, float thickness) {
    if (!(draw.Flags & ImDrawListFlags_AntiAliasedLines)) return 4;
    const bool integer = std::fmod(thickness, 1.0f) == 0.0f;
    if ((draw.Flags & ImDrawListFlags_AntiAliasedLinesUseTex) && integer && thickness < IM_DRAWLIST_TEX_LINES_WIDTH_MAX) {
        return 2;
    }
    return thickness > 1.0f ? 4 : 3;
}

// How many vertices the lines may use. With 16-bit indices and no VtxOffset support in the renderer
// (WebGL has no glDrawElementsBaseVertex), one draw list holds at most 65536 vertices; the canvas has
// its own child window and keeps a margin for axes, labels and crosshair.
std::size_t vertex_budget(const ImDrawList& draw) {
    const bool offsets = ImGui::GetIO().BackendFlags & ImGuiBackendFlags_RendererHasVtxOffset;
    if (sizeof(ImDrawIdx) > 2 || offsets) return SIZE_MAX;
    const auto used = static_cast<std::size_t>(draw.VtxBuffer.Size);
    constexpr std::size_t kLimit = 65535, kMargin = 6000;
    return used + kMargin >= kLimit ? 0 : kLimit - kMargin - used;
}

// What one series of one plot keeps between frames: its derived data (see DerivedSeries) and its
// decimated lines, reused while neither the series nor the window's x range has changed, so a plot
// that is only looked at or hovered costs O(width) per frame.
struct SeriesCache {
    plot::DerivedSeries derived;
    std::size_t version = SIZE_MAX;  // derived.recomputations() when decimated
    double x_min = 0, x_max = 0;
    int columns = 0;  // as requested; the lines may have been merged to fewer (see PlotCanvas::draw)
    std::vector<plot::Point> raw, smoothed;  // decimated; smoothed empty when smoothing is off
};

// By the plot's ImGui id.
struct PlotCache {
    std::vector<SeriesCache> series;  // parallel to the series passed in
    int last_frame = 0;
    double wheel_turned_at = -1;  // ImGui time the wheel last turned here without Ctrl / Cmd
    PlotReport report;
};

PlotCache& cache_for(std::unordered_map<ImGuiID, PlotCache>& caches, ImGuiID id) {
    const int frame = ImGui::GetFrameCount();
    // A plot not drawn for 600 frames lets go of its copies of smoothed series.
    std::erase_if(caches, [&](const auto& entry) { return entry.first != id && frame - entry.second.last_frame > 600; });
    PlotCache& cache = caches[id];
    cache.last_frame = frame;
    return cache;
}

// The visible series with their colours, their derived data brought up to date; returns the extents
// of them all.
plot::Extents collect_lines(std::span<const plot::Series> series, const plot::View& view, PlotCache& cache,
                            Legend& legend, const Emphasis& emphasis, std::vector<Line>& lines) {
    cache.series.resize(series.size());
    plot::Extents extents;
    std::size_t used = 0;
    for (std::size_t i = 0; i < series.size(); ++i) {
        const plot::Series& one = series[i];
        const ImVec4 colour = legend.colour(one);  // every series, so colours do not shift when one hides
        if (!plot::is_visible(view, one)) continue;
        assert(plot::is_sorted_by_x(one.points) && "plot series must be sorted by step");
        SeriesCache& entry = cache.series[i];
        entry.derived.update(one.points, view.smoothing);
        extents.merge(entry.derived.extents());
        if (used == lines.size()) lines.emplace_back();
        Line& line = lines[used++];
        line.series = &one;
        line.cache = &entry;
        line.colour = colour;
        line.emphasis = emphasis.alpha(one);
    }
    lines.resize(used);
    return extents;
}

// Reduces every line to `columns` pixel columns of the window; O(points in the window) each.
void decimate_lines(std::vector<Line>& lines, const plot::Window& window, int columns) {
    for (Line& line : lines) {
        SeriesCache& c = *line.cache;
        if (c.version == c.derived.recomputations() && c.x_min == window.x_min && c.x_max == window.x_max &&
            c.columns == columns) {
            continue;
        }
        plot::decimate(line.series->points, window.x_min, window.x_max, columns, c.raw);
        plot::decimate(c.derived.smoothed(), window.x_min, window.x_max, columns, c.smoothed);
        c.version = c.derived.recomputations();
        c.x_min = window.x_min;
        c.x_max = window.x_max;
        c.columns = columns;
    }
}

void redecimate_lines(Scratch& scratch, const plot::Window& window, int columns) {
    std::vector<plot::Point>& fine = scratch.fine;
    for (Line& line : scratch.lines) {
        for (std::vector<plot::Point>* points : {&line.cache->raw, &line.cache->smoothed}) {
            fine.swap(*points);
            plot::decimate(fine, window.x_min, window.x_max, columns, *points);
        }
    }
}

std::size_t points_in(const std::vector<Line>& lines) {
    std::size_t n = 0;
    // Smoothed lines are drawn twice (outline, then line).
    for (const Line& line : lines) n += line.cache->raw.size() + 2 * line.cache->smoothed.size();
    return n;
}

// Draws a decimated line, broken where a value has no place on the axis (<= 0 on a log axis).
void draw_polyline(ImDrawList& draw, std::vector<ImVec2>& pixels, const std::vector<plot::Point>& points,
                   const plot::Mapping& mapping, const plot::Rect& rect, ImU32 colour, float thickness) {
    pixels.clear();
    // Far outside the canvas, float pixels lose precision: hold values within a wide band around it.
    const double band = (rect.y1 - rect.y0) * 4 + 1000;
    const auto flush = [&] {
        if (pixels.size() >= 2) draw.AddPolyline(pixels.data(), static_cast<int>(pixels.size()), colour, ImDrawFlags_None, thickness);
        // A lone point (a series' first metric, or one between gaps) would draw nothing as a line.
        if (pixels.size() == 1) draw.AddCircleFilled(pixels[0], thickness, colour, 8);
        pixels.clear();
    };
    for (std::size_t i = 0; i < points.size(); ++i) {
        double x = mapping.px(points[i].x);
        double y = mapping.py(points[i].y);
        if (!std::isfinite(y)) {
            flush();
            continue;
        }
        // The neighbours kept outside the window can be far off: move them along the segment to the
        // canvas edge, so the visible part keeps its slope and the pixels stay small numbers.
        const auto toward = [&](std::size_t j, double edge) {
            const double x2 = mapping.px(points[j].x), y2 = mapping.py(points[j].y);
            if (!std::isfinite(y2) || x2 == x) return;
            y += (y2 - y) * (edge - x) / (x2 - x);
            x = edge;
        };
        // (Only from beyond the margin: pulling a point that is already nearer would extrapolate.)
        if (x < rect.x0 - 2 && i + 1 < points.size()) toward(i + 1, rect.x0 - 2);
        if (x > rect.x1 + 2 && i > 0) toward(i - 1, rect.x1 + 2);
        y = std::clamp(y, rect.y0 - band, rect.y1 + band);
        pixels.emplace_back(static_cast<float>(x), static_cast<float>(y));
    }
    flush();
}

// The axes' titles: the x axis's centred under its labels, the y axis's over the data, from the left.
void draw_axis_titles(ImDrawList& draw, const plot::Rect& r, const AxisTitles& axes, ImVec2 canvas_min, ImVec2 canvas_max) {
    const float font = ImGui::GetFontSize();
    const ImU32 colour = ImGui::GetColorU32(ImGuiCol_Text);
    const auto fx = [](double v) { return static_cast<float>(v); };
    const float x_width = ImGui::CalcTextSize(axes.x.c_str()).x;
    const float x_left = std::clamp(fx((r.x0 + r.x1) / 2) - x_width / 2, canvas_min.x, std::max(canvas_min.x, canvas_max.x - x_width));
    draw.AddText(ImVec2(std::round(x_left), fx(r.y1) + font * 1.6f), colour, axes.x.c_str());
    draw.AddText(ImVec2(canvas_min.x + std::round(font * 0.2f), canvas_min.y + std::round(font * 0.3f)), colour, axes.y.c_str());
}

void draw_grid_and_axes(ImDrawList& draw, const Layout& layout, const plot::Mapping& mapping, ImVec2 canvas_min,
                        ImVec2 canvas_max) {
    const plot::Rect& r = layout.rect;
    const float font = ImGui::GetFontSize();
    const ImVec4 text = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    const ImU32 label_colour = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const auto fx = [](double v) { return static_cast<float>(v); };
    for (const plot::Tick& tick : layout.y_ticks) {
        const float y = std::round(fx(mapping.py(tick.value)));
        if (!(y >= r.y0 - 0.5 && y <= r.y1 + 0.5)) continue;
        draw.AddLine(ImVec2(fx(r.x0), y), ImVec2(fx(r.x1), y), with_alpha(text, tick.major ? 0.10f : 0.045f));
        if (tick.label.empty()) continue;
        const ImVec2 size = ImGui::CalcTextSize(tick.label.c_str());
        draw.AddText(ImVec2(fx(r.x0) - font * 0.45f - size.x, y - size.y * 0.5f), label_colour, tick.label.c_str());
    }
    for (const plot::Tick& tick : layout.x_ticks) {
        const float x = std::round(fx(mapping.px(tick.value)));
        if (!(x >= r.x0 - 0.5 && x <= r.x1 + 0.5)) continue;
        draw.AddLine(ImVec2(x, fx(r.y0)), ImVec2(x, fx(r.y1)), with_alpha(text, tick.major ? 0.10f : 0.045f));
        if (tick.label.empty()) continue;
        const ImVec2 size = ImGui::CalcTextSize(tick.label.c_str());
        const float left = std::clamp(x - size.x * 0.5f, canvas_min.x, canvas_max.x - size.x);
        draw.AddText(ImVec2(left, fx(r.y1) + font * 0.35f), label_colour, tick.label.c_str());
    }
    draw.AddRect(ImVec2(fx(r.x0), fx(r.y0)), ImVec2(fx(r.x1), fx(r.y1)), with_alpha(text, 0.18f));
}

std::string series_label(const plot::Series& s, bool several_runs) {
    return several_runs ? s.run + " · " + s.name : s.name;
}

// The crosshair: snapped to the step of the nearest point of any visible line, a marker on each line
// at its nearest point, and a tooltip with the values.
void draw_crosshair(ImDrawList& draw, const std::vector<Line>& lines, const plot::View& view,
                    const plot::Mapping& mapping, const plot::Rect& r, float mouse_x, bool several_runs,
                    const std::string& x_title) {
    const double wanted = mapping.x_at(mouse_x);
    std::optional<double> step;
    for (const Line& line : lines) {
        const auto i = plot::nearest_index(line.series->points, wanted);
        if (!i) continue;
        const double x = line.series->points[*i].x;
        if (!step || std::abs(x - wanted) < std::abs(*step - wanted)) step = x;
    }
    if (!step) return;
    const float px = std::round(static_cast<float>(mapping.px(*step)));
    if (px < r.x0 || px > r.x1) return;
    const ImVec4 text = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    draw.AddLine(ImVec2(px, static_cast<float>(r.y0)), ImVec2(px, static_cast<float>(r.y1)), with_alpha(text, 0.35f));

    const float font = ImGui::GetFontSize();
    ImGui::BeginTooltip();
    ImGui::Text("%s %s", x_title.c_str(), plot::format_value(*step).c_str());
    const bool smoothing = view.smoothing > 0;
    if (ImGui::BeginTable("values", smoothing ? 4 : 3, ImGuiTableFlags_SizingFixedFit)) {
        for (const Line& line : lines) {
            const auto i = plot::nearest_index(line.series->points, *step);
            if (!i) continue;
            const plot::Point raw = line.series->points[*i];
            const double shown = smoothing ? line.cache->derived.smoothed()[*i].y : raw.y;
            const float py = static_cast<float>(mapping.py(shown));
            if (std::isfinite(py) && py >= r.y0 && py <= r.y1) {
                const float mx = static_cast<float>(mapping.px(raw.x));
                draw.AddCircleFilled(ImVec2(mx, py), font * 0.24f, with_alpha(line.colour, 1.0f), 12);
                draw.AddCircle(ImVec2(mx, py), font * 0.24f, ImGui::GetColorU32(ImGuiCol_ChildBg), 12, 1.0f);
            }
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const float box = font * 0.7f;
            ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, at.y + (font - box) * 0.5f),
                                                      ImVec2(at.x + box, at.y + (font + box) * 0.5f),
                                                      with_alpha(line.colour, 1.0f), font * 0.15f);
            ImGui::Dummy(ImVec2(box, font));
            ImGui::SameLine();
            ImGui::TextUnformatted(series_label(*line.series, several_runs).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(plot::format_value(shown).c_str());
            if (smoothing) {
                ImGui::TableNextColumn();
                ImGui::TextDisabled("raw %s", plot::format_value(raw.y).c_str());
            }
            ImGui::TableNextColumn();
            // Validation is logged less often than training: say when the nearest point is elsewhere.
            if (raw.x != *step) ImGui::TextDisabled("at %s", plot::format_value(raw.x).c_str());
        }
        ImGui::EndTable();
    }
    ImGui::EndTooltip();
}

// Mouse input on the canvas. Returns the window to draw with, and updates the view when it changed;
// `hint` is set when the wheel turned here without the modifier that zooms (see core/plot/wheel.h).
plot::Window interact(plot::View& view, const plot::Window& window, const plot::Rect& r, bool hovered,
                      bool active, bool& changed, bool& hint) {
    const ImGuiIO& io = ImGui::GetIO();
    plot::Window next = window;
    if (active && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
        // The whole drag so far on its first frame, so the content stays under the pointer from the
        // start rather than lagging by the drag threshold.
        const ImVec2 delta = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left);
        ImGui::ResetMouseDragDelta(ImGuiMouseButton_Left);
        if (delta.x != 0 || delta.y != 0) next = plot::pan(next, view.log_y, r, delta.x, delta.y);
    }
    const plot::WheelAction wheel = plot::wheel_action(hovered, io.MouseWheel, io.KeyCtrl || io.KeySuper);
    hint = wheel == plot::WheelAction::scroll_with_hint;
    if (wheel == plot::WheelAction::zoom) {
        // One wheel notch zooms by a fifth; over an axis's labels only that axis zooms.
        const double factor = std::pow(0.8, static_cast<double>(io.MouseWheel));
        const bool over_y_axis = io.MousePos.x < r.x0;
        const bool over_x_axis = io.MousePos.y > r.y1;
        next = plot::zoom(next, view.log_y, r, io.MousePos.x, io.MousePos.y, over_y_axis ? 1.0 : factor,
                          over_x_axis ? 1.0 : factor);
    }
    if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
        view.auto_fit = true;
        changed = true;
        return window;  // refit on the next frame
    }
    if (next.x_min != window.x_min || next.x_max != window.x_max || next.y_min != window.y_min ||
        next.y_max != window.y_max) {
        view.window = next;
        view.auto_fit = false;
        changed = true;
    }
    return next;
}

}  // namespace

void draw_wheel_hint(ImDrawList& draw, const plot::Rect& r) {
    const char* const text = "Hold Ctrl (\xe2\x8c\x98 on Mac) and scroll to zoom";
    const float font = ImGui::GetFontSize();
    const ImVec2 size = ImGui::CalcTextSize(text);
    const ImVec2 at(std::round(static_cast<float>((r.x0 + r.x1) / 2) - size.x / 2), std::round(static_cast<float>(r.y0) + font * 0.6f));
    draw.AddRectFilled(ImVec2(at.x - font * 0.6f, at.y - font * 0.35f), ImVec2(at.x + size.x + font * 0.6f, at.y + size.y + font * 0.35f),
                       ImGui::GetColorU32(ImGuiCol_PopupBg), font * 0.3f);
    draw.AddText(at, ImGui::GetColorU32(ImGuiCol_Text), text);
}

namespace {

void draw_controls(plot::View& view, PlotRequests& requests) {
    const float font = ImGui::GetFontSize();
    if (ImGui::Checkbox("Log scale", &view.log_y)) {
        view.auto_fit = true;  // a zoomed linear window may not exist on a log axis (y <= 0)
        requests.view_changed = true;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(font * 8);
    if (ImGui::SliderFloat("Smoothing", &view.smoothing, 0.0f, 0.99f, "%.2f", ImGuiSliderFlags_AlwaysClamp)) {
        requests.view_changed = true;
    }
    ImGui::SameLine();
    if (ImGui::Button("Fit view")) {
        view.auto_fit = true;
        requests.view_changed = true;
    }
    ImGui::SameLine();
    requests.export_csv = ImGui::Button("Export CSV");
    ImGui::SameLine();
    requests.export_png = ImGui::Button("Export PNG");
}

// The legend: one checkbox per name, and one per run when there are several. Fills `emphasis` with
// the entry under the mouse.
void draw_legend(std::span<const plot::Series> series, plot::View& view, Legend& legend, Emphasis& emphasis,
                 PlotRequests& requests) {
    for (const plot::Series& s : series) legend.colour(s);  // fixes the order of names and runs
    bool first = true;
    for (std::size_t i = 0; i < legend.names.size(); ++i) {
        const std::string_view name = legend.names[i];
        bool shown = !plot::name_hidden(view, name);
        if (legend_checkbox(std::string(name) + "##name", kPalette[i % kPalette.size()], shown, first)) {
            plot::set_name_hidden(view, name, !shown);
            requests.view_changed = true;
        }
        if (ImGui::IsItemHovered()) emphasis.name = name;
        first = false;
    }
    if (legend.runs.size() < 2) return;
    const float font = ImGui::GetFontSize();
    flow(ImGui::CalcTextSize("Runs").x + font * 2, first);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Runs");
    for (std::size_t i = 0; i < legend.runs.size(); ++i) {
        const std::string_view run = legend.runs[i];
        bool shown = !plot::run_hidden(view, run);
        // The box shows the run's shade of the first hue.
        if (legend_checkbox(std::string(run) + "##run", shade(kPalette[0], i), shown, false)) {
            plot::set_run_hidden(view, run, !shown);
            requests.view_changed = true;
        }
        if (ImGui::IsItemHovered()) emphasis.run = run;
    }
}

}  // namespace

// The canvas's memory between frames: one set of buffers for every plot it draws, and each plot's
// cached lines by its ImGui id.
struct PlotCanvas::Memory {
    Scratch scratch;
    std::unordered_map<ImGuiID, PlotCache> caches;
};

PlotCanvas::PlotCanvas() : memory_(std::make_unique<Memory>()) {}
PlotCanvas::~PlotCanvas() = default;

PlotRequests PlotCanvas::draw(const char* id, std::span<const plot::Series> series, plot::View& view,
                              const AxisTitles& axes, ImVec2 size) {
    Scratch& scratch = memory_->scratch;
    PlotRequests requests;
    ImGui::PushID(id);
    const ImVec2 available = ImGui::GetContentRegionAvail();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const ImVec2 total(size.x > 0 ? size.x : available.x, size.y > 0 ? size.y : available.y);
    const float font = ImGui::GetFontSize();

    ImGui::BeginGroup();
    draw_controls(view, requests);
    Legend legend;
    Emphasis emphasis;
    draw_legend(series, view, legend, emphasis, requests);

    // The canvas gets what is left, in its own child window: its own draw list, so the vertex budget
    // of 16-bit indices is not shared with the rest of the page.
    const float canvas_height = std::max(start.y + total.y - ImGui::GetCursorScreenPos().y, font * 8);
    const ImVec2 canvas_size(std::max(total.x, font * 12), canvas_height);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::BeginChild("canvas", canvas_size, ImGuiChildFlags_None,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();
    const ImVec2 canvas_min = ImGui::GetCursorScreenPos();
    const ImVec2 canvas_max(canvas_min.x + canvas_size.x, canvas_min.y + canvas_size.y);
    ImGui::InvisibleButton(id, canvas_size);
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    // With the modifier the wheel zooms here; without, it goes on to scroll the page.
    if (ImGui::GetIO().KeyCtrl || ImGui::GetIO().KeySuper) ImGui::SetItemKeyOwner(ImGuiKey_MouseWheelY);

    PlotCache& cache = cache_for(memory_->caches, ImGui::GetItemID());
    const plot::Extents extents = collect_lines(series, view, cache, legend, emphasis, scratch.lines);
    plot::Window window = plot::current_window(extents, view);
    Layout layout = lay_out(window, view.log_y, canvas_min, canvas_max);
    bool wheel_hint = false;
    const plot::Window moved = interact(view, window, layout.rect, hovered, active, requests.view_changed, wheel_hint);
    if (wheel_hint) cache.wheel_turned_at = ImGui::GetTime();
    if (!view.auto_fit && (moved.x_min != window.x_min || moved.x_max != window.x_max ||
                           moved.y_min != window.y_min || moved.y_max != window.y_max)) {
        window = moved;
        layout = lay_out(window, view.log_y, canvas_min, canvas_max);
    }
    const plot::Mapping mapping(window, view.log_y, layout.rect);

    ImDrawList& draw = *ImGui::GetWindowDrawList();
    draw_grid_and_axes(draw, layout, mapping, canvas_min, canvas_max);
    draw_axis_titles(draw, layout.rect, axes, canvas_min, canvas_max);

    // Decimate to the pixel columns; if the lines would overflow the draw list, to fewer columns.
    const float raw_thickness = std::max(1.0f, std::round(font / 15));
    const float thickness = std::max(1.0f, std::round(font / 8));
    int columns = std::max(1, static_cast<int>(layout.rect.x1 - layout.rect.x0));
    std::vector<Line>& lines = scratch.lines;
    decimate_lines(lines, window, columns);
    const std::size_t budget = vertex_budget(draw);
    const auto per_point = static_cast<std::size_t>(std::max(vertices_per_point(draw, raw_thickness),
                                                             vertices_per_point(draw, thickness + 2)));
    // Over budget: merge every k columns into one. Decimating the decimated lines again is exact for
    // each merged column's extremes (they are among its parts' extremes) and costs O(columns), not
    // another pass over the points. The output shrinks about in proportion, so one round usually does.
    for (int attempt = 0; attempt < 4 && points_in(lines) * per_point > budget && columns > 1; ++attempt) {
        const std::size_t needed = points_in(lines) * per_point;
        const auto k = static_cast<int>((needed + budget - 1) / std::max<std::size_t>(budget, 1));
        columns = std::max(1, columns / std::max(k, 2));
        redecimate_lines(scratch, window, columns);
    }

    const plot::Rect& r = layout.rect;
    draw.PushClipRect(ImVec2(static_cast<float>(r.x0), static_cast<float>(r.y0)),
                      ImVec2(static_cast<float>(r.x1), static_cast<float>(r.y1)), true);
    // Raw lines first, all of them, so every smoothed line lies on top of every raw one.
    for (const Line& line : lines) {
        const bool faint = !line.cache->smoothed.empty();
        const float alpha = faint ? raw_alpha(line.cache->raw, window, columns) : 1.0f;
        draw_polyline(draw, scratch.pixels, line.cache->raw, mapping, r,
                      with_alpha(line.colour, alpha * line.emphasis), faint ? raw_thickness : thickness);
    }
    // Each smoothed line over a dark outline, so it stands clear of the band of raw values in its
    // own hue and of the lines it crosses.
    const ImVec4 background = ImGui::GetStyleColorVec4(ImGuiCol_ChildBg);
    for (const Line& line : lines) {
        draw_polyline(draw, scratch.pixels, line.cache->smoothed, mapping, r,
                      with_alpha(background, 0.9f * line.emphasis), thickness + 2);
        draw_polyline(draw, scratch.pixels, line.cache->smoothed, mapping, r,
                      with_alpha(line.colour, line.emphasis), thickness);
    }
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool in_data_area = mouse.x >= r.x0 && mouse.x <= r.x1 && mouse.y >= r.y0 && mouse.y <= r.y1;
    if (hovered && in_data_area && !ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
        draw_crosshair(draw, lines, view, mapping, r, mouse.x, legend.runs.size() > 1, axes.x);
    }
    draw.PopClipRect();
    if (extents.empty(view.log_y)) {
        const char* empty = series.empty()                       ? "No data yet"
                            : view.log_y && !extents.empty(false) ? "No values above zero for a log scale"
                                                                    : "Nothing to show: every series is hidden or empty";
        const ImVec2 text_size = ImGui::CalcTextSize(empty);
        draw.AddText(ImVec2(static_cast<float>((r.x0 + r.x1) / 2) - text_size.x / 2,
                            static_cast<float>((r.y0 + r.y1) / 2) - text_size.y / 2),
                     ImGui::GetColorU32(ImGuiCol_TextDisabled), empty);
    }
    const bool hint = plot::wheel_hint_shown(cache.wheel_turned_at, ImGui::GetTime());
    if (hint) draw_wheel_hint(draw, r);
    cache.report = {id, ImGui::GetFrameCount(), view.auto_fit, window, hint};
    ImGui::EndChild();
    ImGui::EndGroup();

    ImGui::PopID();
    return requests;
}

std::vector<PlotReport> PlotCanvas::reports() const {
    std::vector<PlotReport> out;
    for (const auto& entry : memory_->caches) out.push_back(entry.second.report);
    return out;
}

void PlotCanvas::compose_image(std::span<const plot::Series> series, const plot::View& view, const AxisTitles& axes,
                               const std::string& title, const std::string& rows, double epoch_now,
                               const std::string& file_name, PlotImage& image) {
    Legend legend;
    const bool several_runs = [&] {
        for (const plot::Series& s : series) legend.colour(s);
        return legend.runs.size() > 1;
    }();
    // Derived afresh: an export is rare, and the canvas's cache holds lines decimated to the screen.
    std::vector<plot::DerivedSeries> derived(series.size());
    std::vector<ImageLegendEntry> entries;
    plot::Extents extents;
    for (std::size_t i = 0; i < series.size(); ++i) {
        if (!plot::is_visible(view, series[i])) continue;
        derived[i].update(series[i].points, view.smoothing);
        extents.merge(derived[i].extents());
        entries.push_back({series_label(series[i], several_runs), with_alpha(legend.colour(series[i]), 1.0f)});
    }
    const plot::Rect area = begin_chart_image(image, file_name, title, entries, rows, epoch_now);
    const plot::Window window = plot::current_window(extents, view);
    const ImVec2 min(static_cast<float>(area.x0), static_cast<float>(area.y0));
    const ImVec2 max(static_cast<float>(area.x1), static_cast<float>(area.y1));
    const Layout layout = lay_out(window, view.log_y, min, max);
    const plot::Mapping mapping(window, view.log_y, layout.rect);
    const plot::Rect& r = layout.rect;
    draw_grid_and_axes(image.room_for(8192), layout, mapping, min, max);
    draw_axis_titles(image.room_for(2048), r, axes, min, max);

    const float font = ImGui::GetFontSize();
    const float raw_thickness = std::max(1.0f, std::round(font / 15)), thickness = std::max(1.0f, std::round(font / 8));
    const int columns = std::max(1, static_cast<int>(r.x1 - r.x0));
    const ImVec4 background = ImGui::GetStyleColorVec4(ImGuiCol_ChildBg);
    std::vector<ImVec2> pixels;
    std::vector<plot::Point> raw, smoothed;
    // Each line in a draw list with room for it (four vertices a point at most), clipped to the data.
    const auto line = [&](const std::vector<plot::Point>& points, ImU32 colour, float width) {
        ImDrawList& draw = image.room_for(points.size() * 4 + 64);
        draw.PushClipRect(ImVec2(static_cast<float>(r.x0), static_cast<float>(r.y0)),
                          ImVec2(static_cast<float>(r.x1), static_cast<float>(r.y1)), true);
        draw_polyline(draw, pixels, points, mapping, r, colour, width);
        draw.PopClipRect();
    };
    for (int pass = 0; pass < 2; ++pass) {  // raw lines first, so every smoothed line lies on top
        for (std::size_t i = 0; i < series.size(); ++i) {
            if (!plot::is_visible(view, series[i])) continue;
            const ImVec4 colour = legend.colour(series[i]);
            plot::decimate(series[i].points, window.x_min, window.x_max, columns, raw);
            plot::decimate(derived[i].smoothed(), window.x_min, window.x_max, columns, smoothed);
            if (pass == 0) {
                const bool faint = !smoothed.empty();
                line(raw, with_alpha(colour, faint ? raw_alpha(raw, window, columns) : 1.0f), faint ? raw_thickness : thickness);
            } else if (!smoothed.empty()) {
                line(smoothed, with_alpha(background, 0.9f), thickness + 2);
                line(smoothed, with_alpha(colour, 1.0f), thickness);
            }
        }
    }
}

}  // namespace tb::ui
