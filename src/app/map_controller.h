#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/map/layout_run.h"
#include "core/map/point_grid.h"
#include "app/paced_reader.h"
#include "core/data/loader.h"
#include "core/workflow/map_rest.h"
#include "core/workflow/map_rows.h"
#include "core/workflow/state.h"
#include "platform/point_renderer.h"
#include "ui/map_panel.h"

namespace tb::app {

// The map's data for the Compare step: the split rows' vectors gathered from the chosen source, then,
// when every row is asked for, the file read again for its other rows (workflow::MapRestGatherer), the
// layout computed in frame slices (core/map/layout_run.h) or, for more rows than it takes, each row
// projected as read, the points' styles kept current with the
// colouring, the answers and the selection, and the points drawn by the map's shaders through a draw
// callback in ImGui's list. Also the benchmark of bench/map.sh (?bench-map=N in the page's address):
// N random points drawn every frame, by the shaders or, with &draw=imgui, through ImGui's draw list.
class MapController : public ui::MapFeed {
public:
    explicit MapController(const workflow::State& state) : state_(state) {}
    MapController(const MapController&) = delete;
    MapController& operator=(const MapController&) = delete;
    ~MapController();

    // Compiles the map's shaders, at start-up: a browser refusing them is known before the map is wanted.
    void start() { renderer_.start(); }
    // Gathers vectors or lays out for at most `slice_seconds` of this frame.
    void pump(double slice_seconds);
    bool busy() const { return gathering_ || reading_ || (run_ && !run_->done()) || bench_points_ > 0; }

    const ui::MapData& map(const ui::MapWish& wish) override;
    void add_points(ImDrawList& draw, ImVec2 min, ImVec2 max, const ui::MapTransform& transform, float radius) override;

    // The benchmark: random points, drawn each frame into a window of their own.
    void start_bench(std::size_t points, bool through_imgui);
    bool benching() const { return bench_points_ > 0; }
    void draw_bench();
    void note_frame_ms(double ms);

    // state().map: what is shown and, with the panel's view, where some points are on the page (in CSS
    // pixels, as items() gives widgets: ImGui's pixels over `pixel_ratio`, from the canvas's corner).
    nlohmann::json json(const ui::MapPanel& panel, float pixel_ratio, float left, float top) const;

private:
    void rebuild(const std::string& key);
    void gather(double until);
    bool reads_rest() const;
    void start_rest();
    void read_rest(double until);
    void finish_rest();
    void stop_rest();
    void lay_out(std::vector<float> vectors);
    void upload_positions();
    void show_positions();
    void restyle();
    std::string inputs_key(const std::string& source) const;
    std::size_t vectors_held(const std::string& source) const;

    const workflow::State& state_;
    platform::PointRenderer renderer_;
    ui::MapWish wish_;
    std::string key_;  // the inputs the layout is of (source, split, model)
    std::vector<workflow::MapPoint> candidates_, points_;  // the split's rows; those with a vector
    std::optional<workflow::MapVectors> gathering_;
    std::size_t gathered_ = 0;
    std::vector<float> vectors_;  // the split points' while they are gathered and the file is read
    int dims_ = 0;
    // The file's other rows: read (reading_, through rest_loader_ from rest_file_), then held (rest_).
    std::unique_ptr<PacedReader> rest_file_;
    std::unique_ptr<data::Loader> rest_loader_;
    std::unique_ptr<workflow::MapRestGatherer> reading_, rest_;
    std::uint64_t layout_serial_ = 0;  // counts layouts begun: the panel fits each new one
    bool projecting_ = false;    // more rows than the refinement takes: each projected as read
    map::Projection projection_;  // fitted on the split's vectors, then
    std::unique_ptr<map::LayoutRun> run_;
    std::uint64_t uploaded_version_ = UINT64_MAX;
    std::vector<float> positions_;  // as uploaded; the grid and the panel read these
    std::unique_ptr<map::PointGrid> grid_;
    std::vector<std::uint8_t> styles_;
    std::string style_key_;
    ui::MapData data_;
    std::size_t held_ = 0;  // an embeddings source's vectors held when its layout began
    std::size_t split_left_out_ = 0;  // split rows without a vector in the layout in hand
    platform::PointFrame frame_;  // the draw callback's, for this frame's one map
    std::pair<const platform::PointRenderer*, const platform::PointFrame*> callback_data_{&renderer_, &frame_};
    // The benchmark.
    std::size_t bench_points_ = 0;
    bool bench_imgui_ = false;
    std::vector<double> bench_ms_;
};

}  // namespace tb::app
