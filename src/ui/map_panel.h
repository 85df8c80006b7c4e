#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/map/point_grid.h"
#include "core/map/point_styles.h"
#include "core/workflow/intents.h"
#include "core/workflow/map_rest.h"
#include "core/workflow/map_rows.h"
#include "core/workflow/state.h"

namespace tb::ui {

// Layout units to the canvas: a layout point (x, y) is drawn at centre + (x - cx, cy - y) × pixels_per_unit.
struct MapTransform {
    double cx = 0, cy = 0;
    double pixels_per_unit = 1;
};

// What the map should show, as the panel's controls say.
struct MapWish {
    std::string source;  // a workflow::MapSource id; empty: none
    map::ColourBy colour_by = map::ColourBy::label;
    std::string candidate;  // whose answers colour it (answer, right_wrong)
    bool every_row = true;  // the file's other rows too, read again (when the file is open)
};

// The map as the app has it this frame.
struct MapData {
    std::string source;   // whose vectors the layout is of (may lag the wish while it is built)
    std::string stage;    // "reading vectors", "projecting", "finding neighbours", "laying out", "done"
    double progress = 1;
    bool running = false;
    std::string error;    // why the map cannot be drawn (WebGL2 refused the shaders, …)
    std::span<const workflow::MapPoint> points;  // the rows on the map, in the layout's order
    const workflow::MapRest* rest = nullptr;     // the Role::other points' rows; null when none are read
    std::span<const float> positions;            // points × 2, layout units
    std::span<const std::uint8_t> styles;        // points
    const map::PointGrid* grid = nullptr;        // for picking; null while none is built
    float min_x = 0, min_y = 0, max_x = 0, max_y = 0;  // of positions
    std::size_t left_out = 0;  // rows without a vector (no text, embeddings not held)
    std::string note;          // why the file's other rows are not on the map, when asked for and not
    std::uint64_t layout = 0;  // changes with each new layout (not as a layout is refined)
};

// What the panel needs of the app: the map for its wish, and its points drawn into ImGui's list.
class MapFeed {
public:
    virtual ~MapFeed() = default;
    virtual const MapData& map(const MapWish& wish) = 0;
    // Draws the points into `draw` at [min, max) (screen pixels), clipped as the list is, by `transform`.
    virtual void add_points(ImDrawList& draw, ImVec2 min, ImVec2 max, const MapTransform& transform, float radius) = 0;
};

// The Compare step's map of the file's rows (or the split's only): every row a point placed by its vector (similar texts close
// together), coloured by its true label, a candidate's answer or whether that answer is right, shaped by
// its part of the split. Pan by dragging, zoom with Ctrl (⌘) and the wheel as the plots do, double-click
// to fit; hover a point to read its row; Shift-drag a box or a lasso to list its rows in the row explorer.
class MapPanel {
public:
    void draw(const workflow::State& state, MapFeed& feed, std::vector<workflow::Intent>& intents);

    // For automation (state().map): the view and what the pointer is over.
    const MapTransform& transform() const { return transform_; }
    std::int64_t hovered_row() const { return hovered_row_; }
    std::int64_t hovered_point() const { return hovered_point_; }  // into MapData::points; -1: none
    std::size_t selected_listed() const { return selected_points_.size(); }  // rows in the selection's table
    const MapWish& wish() const { return wish_; }
    ImVec2 canvas_min() const { return canvas_min_; }
    ImVec2 canvas_max() const { return canvas_max_; }

private:
    void draw_controls(const workflow::State& state, const std::vector<workflow::MapSource>& sources);
    void draw_legend(const workflow::State& state, const MapData& data);
    void draw_canvas(const workflow::State& state, MapFeed& feed, const MapData& data, std::vector<workflow::Intent>& intents);
    void fit(const MapData& data, ImVec2 size);
    // The rows selected on the map, every part of the file, in a short scrolling table.
    void draw_selected_rows(const workflow::State& state, const MapData& data);

    MapWish wish_;
    MapTransform transform_;
    bool auto_fit_ = true;
    std::uint64_t fitted_layout_ = 0;
    bool lasso_ = false;      // Shift-drag draws a lasso, not a box
    bool selecting_ = false;  // a Shift-drag selection is being drawn
    ImVec2 box_from_{};
    std::vector<ImVec2> lasso_path_;  // the lasso so far, in screen pixels
    std::vector<std::uint32_t> selected_points_;  // into MapData::points, by row number
    std::uint64_t selected_key_ = 0;              // of the selection and points they were found for
    double wheel_turned_at_ = -1;
    std::int64_t hovered_row_ = -1, hovered_point_ = -1;
    ImVec2 canvas_min_{}, canvas_max_{};
};

}  // namespace tb::ui
