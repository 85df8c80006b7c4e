// Native plot benchmark: 5 series × 100,000 points, drawn by tb::ui::PlotCanvas::draw() into a headless Dear
// ImGui frame with a data area about 1,000 pixels wide. Prints the core work alone (decimation, which
// runs whenever the window moves; EMA + extents, which run when a series changes) and whole frames
// (NewFrame … Render, which includes building the draw lists), best and median of N rounds: unchanged,
// hovered, panned every frame, and with every series growing every frame.
//
// Not in CMake (the native build has no Dear ImGui): build the core optimised (CMakePresets'
// native-release: Release, no sanitizers), then this by hand against it:
//   cmake -S . -B /tmp/plot-release -DCMAKE_BUILD_TYPE=Release -DTB_SANITIZE=OFF && cmake --build /tmp/plot-release --target tb_core
//   g++ -std=c++20 -O2 -DNDEBUG -Isrc -isystem .deps/imgui-1.90.1 bench/plot_native.cpp src/ui/plot_canvas.cpp \
//       .deps/imgui-1.90.1/imgui{,_draw,_tables,_widgets}.cpp /tmp/plot-release/libtb_core.a -o /tmp/tb_plot_bench
//   /tmp/tb_plot_bench [ROUNDS]
// ImGui has no renderer here, so like WebGL it lacks VtxOffset: the 16-bit vertex budget applies.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <imgui.h>

#include "core/plot/decimate.h"
#include "core/plot/extents.h"
#include "core/plot/smoothing.h"
#include "core/plot/view.h"
#include "ui/plot_canvas.h"

namespace {

constexpr std::size_t kPoints = 100000;
constexpr double kDataWidth = 1000;

std::vector<tb::plot::Series> make_series() {
    const char* names[] = {"Train loss", "Valid loss", "Full valid loss", "Train accuracy", "Valid accuracy"};
    std::vector<tb::plot::Series> series;
    std::uint32_t state = 1;
    for (int k = 0; k < 5; ++k) {
        tb::plot::Series s{"ft-bench", names[k], {}};
        s.points.reserve(kPoints);
        for (std::size_t i = 0; i < kPoints; ++i) {
            state = state * 1664525u + 1013904223u;
            const double noise = (state >> 8) / double(1u << 24) - 0.5;
            const double trend = k < 3 ? 2.5 * std::exp(-double(i) / 15000.0) + 0.2 : 0.9 - 0.6 * std::exp(-double(i) / 15000.0);
            s.points.push_back({double(i), trend + 0.15 * noise});
        }
        series.push_back(std::move(s));
    }
    return series;
}

struct Stats {
    double best = 1e30, median = 0;
};

template <typename Body>
Stats time_rounds(int rounds, Body body) {
    std::vector<double> took;
    for (int round = 0; round < rounds; ++round) {
        const auto start = std::chrono::steady_clock::now();
        body();
        took.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(took.begin(), took.end());
    return {took.front(), took[took.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 30;
    std::vector<tb::plot::Series> series = make_series();

    // Core only. Every frame the widget decimates the raw and the smoothed points of each visible
    // series; the EMA and the extents are redone only when a series changes (DerivedSeries).
    std::vector<tb::plot::Point> smoothed, raw_out, smooth_out;
    std::size_t kept = 0;
    double sink = 0;  // keeps the extents from being optimised away
    const Stats decimation = time_rounds(rounds, [&] {
        kept = 0;
        for (const tb::plot::Series& s : series) {
            tb::plot::decimate(s.points, 0, kPoints - 1, int(kDataWidth), raw_out);
            tb::plot::decimate(s.points, 0, kPoints - 1, int(kDataWidth), smooth_out);
            kept += raw_out.size() + smooth_out.size();
        }
    });
    const Stats derive = time_rounds(rounds, [&] {
        for (const tb::plot::Series& s : series) {
            tb::plot::smooth_ema(s.points, 0.6, smoothed);
            sink += tb::plot::extents_of(s.points).x_max;
        }
    });
    std::printf("core, 5 x %zu points, %d columns:\n", kPoints, int(kDataWidth));
    std::printf("  decimate raw + smoothed (window moved):       best %.2f ms, median %.2f ms (%zu points kept)\n",
                decimation.best, decimation.median, kept);
    std::printf("  EMA + extents (a series changed):            best %.2f ms, median %.2f ms%s\n", derive.best,
                derive.median, sink > 0 ? "" : " ");

    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1400, 900);
    io.DeltaTime = 1.0f / 60;
    io.IniFilename = nullptr;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->AddFontDefault();
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas; nothing is uploaded

    tb::plot::View view;
    tb::ui::PlotCanvas canvas;
    ImVec2 data_left;
    const auto frame = [&](bool hover) {
        io.MousePos = hover ? ImVec2(data_left.x + 500, data_left.y + 200) : ImVec2(-1, -1);
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("bench", nullptr, ImGuiWindowFlags_NoDecoration);
        // The y labels are like "2.5"; size the widget so the data area is ~1000 px wide.
        const float margins = ImGui::CalcTextSize("0.0").x + ImGui::GetFontSize() * 1.8f;
        data_left = ImGui::GetCursorScreenPos();
        canvas.draw("Curves", series, view, ImVec2(float(kDataWidth) + margins, 600));
        ImGui::End();
        ImGui::Render();
    };
    for (int i = 0; i < 3; ++i) frame(false);  // settle layout, window creation
    const Stats still = time_rounds(rounds, [&] { frame(false); });
    frame(true);
    frame(true);
    const Stats hovering = time_rounds(rounds, [&] { frame(true); });
    const ImDrawData* data = ImGui::GetDrawData();
    int vertices = 0;
    for (int i = 0; i < data->CmdListsCount; ++i) vertices += data->CmdLists[i]->VtxBuffer.Size;
    // Panning: the window moves every frame, so every line is decimated again and drawn (the figure
    // that matters: decimation + draw lists), while the smoothing stays cached.
    view.auto_fit = false;
    view.window = tb::plot::current_window(series, tb::plot::View{});
    const Stats panning = time_rounds(rounds, [&] {
        view.window.x_min += 0.5;
        view.window.x_max += 0.5;
        frame(false);
    });
    view.auto_fit = true;
    // A live job: every series gains a point every frame, so every cache is redone every frame.
    double step = kPoints;
    const Stats growing = time_rounds(rounds, [&] {
        for (tb::plot::Series& s : series) tb::plot::add_point(s, {step, s.points.back().y});
        step += 1;
        frame(false);
    });

    std::printf("whole frame with PlotCanvas::draw (NewFrame ... Render, draw lists built):\n");
    std::printf("  series unchanged:                   best %.2f ms, median %.2f ms\n", still.best, still.median);
    std::printf("  hovering (crosshair + tooltip):     best %.2f ms, median %.2f ms\n", hovering.best, hovering.median);
    std::printf("  panning (decimate + draw each frame): best %.2f ms, median %.2f ms\n", panning.best, panning.median);
    std::printf("  every series changed every frame:   best %.2f ms, median %.2f ms\n", growing.best, growing.median);
    std::printf("vertices in the hovered frame: %d (16-bit index limit 65536 per draw list)\n", vertices);
    ImGui::DestroyContext();
    return 0;
}
