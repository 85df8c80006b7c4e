#include "app/map_controller.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/workflow/embed_state.h"
#include "platform/main_loop.h"

namespace tb::app {

namespace {

// Vectors gathered a slice: a row's is a few microseconds (a model's rows, or a lookup).
constexpr std::size_t kGatherSlice = 256;
// The file read again for its other rows: what is read ahead, and how much is fed between looks at the
// clock (a hundred rows or so, each with its vector: a few milliseconds).
constexpr std::size_t kRestReadAhead = 2 << 20;
constexpr std::size_t kRestPieceBytes = 16 << 10;
// A fixed seed: the same rows and vectors give the same map.
constexpr std::uint64_t kLayoutSeed = 0x6d6170;

// ImGui's backend calls this where the map's points go in the list; the controller is its user data.
void draw_points_callback(const ImDrawList*, const ImDrawCmd* command) {
    const auto* frame = static_cast<const std::pair<const platform::PointRenderer*, const platform::PointFrame*>*>(command->UserCallbackData);
    frame->first->draw(*frame->second);
}

}  // namespace

MapController::~MapController() { stop_rest(); }

std::string MapController::inputs_key(const std::string& source) const {
    if (source.empty() || !state_.data.dataset) return {};
    const std::string key = source + "|" + state_.eval.split.id + (wish_.every_row ? "|every row" : "");
    return source == workflow::kLocalMapSource ? key + "|" + state_.local.facts.checksum : key;
}

bool MapController::reads_rest() const {
    return wish_.every_row && workflow::map_rest_unavailable_because(state_).empty();
}

std::size_t MapController::vectors_held(const std::string& source) const {
    const eval::Evaluation* e = source == workflow::kLocalMapSource ? nullptr : state_.eval.find(source);
    if (!e) return 0;
    const auto space = state_.embed.spaces.find(workflow::vector_space(state_, e->candidate).key());
    return space == state_.embed.spaces.end() ? 0 : space->second.store.size();
}

const ui::MapData& MapController::map(const ui::MapWish& wish) {
    wish_ = wish;
    if (!renderer_.start()) {
        data_ = {};
        data_.error = renderer_.error() + " The map cannot be drawn in this browser; everything else works.";
        return data_;
    }
    // An embeddings candidate's map is laid out again once more of its vectors are held, not while they come.
    const std::string key = inputs_key(wish.source);
    // Only while split rows lack one: vectors that come for other rows (Label the file) would otherwise
    // read the file and lay it out again after each of its requests, and move the page under the pointer.
    if (key != key_ || (!busy() && split_left_out_ > 0 && vectors_held(wish.source) != held_)) rebuild(key);
    restyle();
    data_.points = points_;
    data_.positions = positions_;
    data_.styles = styles_;
    data_.grid = grid_.get();
    data_.rest = rest_ ? &rest_->rest() : nullptr;
    data_.layout = layout_serial_;
    data_.running = busy();
    // One bar over the stages: the split's vectors, the file read again (when it is), the layout.
    const double layout_from = rest_ ? 0.5 : 0.1;
    if (gathering_) {
        data_.progress = 0.1 * static_cast<double>(gathered_) / static_cast<double>(std::max<std::size_t>(candidates_.size(), 1));
        data_.stage = "reading vectors";
    } else if (reading_) {
        const double bytes = static_cast<double>(std::max<std::uint64_t>(state_.data.dataset->file.bytes, 1));
        data_.progress = 0.1 + 0.4 * std::min(1.0, static_cast<double>(rest_loader_->reader().stats().bytes) / bytes);
        data_.stage = "reading the file";
    } else if (run_ && !run_->done()) {
        data_.progress = layout_from + (1 - layout_from) * run_->progress();
        data_.stage = std::string(run_->stage());
    } else {
        data_.progress = 1.0;
        data_.stage = "done";
    }
    return data_;
}

void MapController::rebuild(const std::string& key) {
    key_ = key;
    held_ = vectors_held(wish_.source);
    data_ = {};
    data_.source = wish_.source;
    stop_rest();
    projecting_ = false;
    run_.reset();
    grid_.reset();
    positions_.clear();
    points_.clear();
    vectors_.clear();
    styles_.clear();
    style_key_.clear();
    uploaded_version_ = UINT64_MAX;
    renderer_.set_places({});
    gathering_.reset();
    gathered_ = 0;
    candidates_.clear();
    if (key.empty()) return;
    if (wish_.every_row) data_.note = workflow::map_rest_unavailable_because(state_);
    workflow::MapVectors vectors(state_, wish_.source);
    if (!vectors.valid()) return;
    candidates_ = workflow::split_points(state_.data.dataset->split);
    gathering_.emplace(std::move(vectors));
}

void MapController::gather(double until) {
    const data::Split& split = state_.data.dataset->split;
    const auto dims = static_cast<std::size_t>(gathering_->dims());
    while (gathered_ < candidates_.size()) {
        const std::size_t end = std::min(candidates_.size(), gathered_ + kGatherSlice);
        for (; gathered_ < end; ++gathered_) {
            const workflow::MapPoint point = candidates_[gathered_];
            vectors_.resize((points_.size() + 1) * dims);
            if (gathering_->fill(workflow::row_of(split, point), vectors_.data() + points_.size() * dims)) {
                points_.push_back(point);
            }
        }
        if (platform::now_seconds() >= until) break;
    }
    if (gathered_ < candidates_.size()) return;
    vectors_.resize(points_.size() * dims);
    dims_ = static_cast<int>(dims);
    data_.left_out = split_left_out_ = candidates_.size() - points_.size();
    gathering_.reset();
    if (reads_rest()) {
        start_rest();
        return;
    }
    lay_out(std::move(vectors_));
    vectors_ = {};
}

void MapController::lay_out(std::vector<float> vectors) {
    ++layout_serial_;
    run_ = std::make_unique<map::LayoutRun>(std::move(vectors), dims_, kLayoutSeed);
}

void MapController::start_rest() {
    const workflow::Dataset& dataset = *state_.data.dataset;
    // Past the refinement's limit only two floats a row are kept: the split's vectors give the axes.
    projecting_ = workflow::map_projects_as_read(workflow::map_file_rows(dataset.loader->ingest()));
    if (projecting_) projection_ = map::fit_pca(vectors_, dims_, 2, kLayoutSeed);
    reading_ = std::make_unique<workflow::MapRestGatherer>(dataset.split, workflow::MapVectors(state_, wish_.source),
                                                           projecting_ ? &projection_ : nullptr);
    rest_loader_ = std::make_unique<data::Loader>(dataset.loader->settings());
    rest_loader_->on_eligible([rows = reading_.get()](std::uint64_t row, std::uint64_t, const std::string& label,
                                                      std::string_view text) { rows->add(row, label, text); });
    rest_file_ = std::make_unique<PacedReader>(dataset.file.handle, kRestReadAhead);
}

void MapController::read_rest(double until) {
    // A piece at a time: each row's vector is the slow part, and the page stays responsive meanwhile.
    while (!rest_file_->failed() && platform::now_seconds() < until) {
        const std::string_view piece = rest_file_->piece(kRestPieceBytes);
        if (piece.empty()) break;
        rest_loader_->feed(piece);
        rest_file_->used(piece.size());
    }
    if (rest_file_->failed() || rest_file_->done()) finish_rest();
}

void MapController::stop_rest() {
    rest_file_.reset();  // cancels the read
    rest_loader_.reset();
    reading_.reset();
    rest_.reset();
}

void MapController::finish_rest() {
    const workflow::Dataset& dataset = *state_.data.dataset;
    std::string why = rest_file_->failed() ? rest_file_->error() : std::string();
    rest_file_.reset();
    if (why.empty()) {
        rest_loader_->finish();
        if (const csv::Status status = rest_loader_->reader().status(); status != csv::Status::Ok) {
            const csv::StatusText text = csv::describe(status);
            why = std::string(text.what) + " " + std::string(text.todo);
        }
    }
    rest_loader_.reset();
    if (!why.empty()) {
        reading_.reset();
        data_.note = dataset.file.name + " could not be read again for its other rows, so the map shows the split's "
                     "rows only: " + why;
        projecting_ = false;
        lay_out(std::move(vectors_));
        vectors_ = {};
        return;
    }
    rest_ = std::move(reading_);
    workflow::MapRest& rest = rest_->rest();
    data_.left_out += rest.without_vector;
    // The rest first, so the split's rows are drawn over them.
    std::vector<workflow::MapPoint> points;
    points.reserve(rest.rows.size() + points_.size());
    for (std::size_t i = 0; i < rest.rows.size(); ++i) points.push_back({map::Role::other, static_cast<std::uint32_t>(i)});
    points.insert(points.end(), points_.begin(), points_.end());
    const std::size_t split_points = points_.size();
    points_ = std::move(points);
    if (projecting_) {
        positions_ = std::move(rest.places);
        rest.places = {};
        const std::size_t at = positions_.size();
        positions_.resize(at + split_points * 2);
        map::project(projection_, vectors_, 0, split_points, positions_.data() + at);
        vectors_ = {};
        ++layout_serial_;
        show_positions();
        return;
    }
    std::vector<float> vectors = std::move(rest.vectors);
    rest.vectors = {};
    vectors.insert(vectors.end(), vectors_.begin(), vectors_.end());
    vectors_ = {};
    lay_out(std::move(vectors));
}

void MapController::pump(double slice_seconds) {
    const double until = platform::now_seconds() + slice_seconds;
    // The split or the model changed since the panel last asked: the layout in hand is of other rows.
    const std::string key = inputs_key(wish_.source);
    if (key != key_) rebuild(key);
    if (gathering_) gather(until);
    if (rest_file_) read_rest(until);
    while (run_ && !run_->done() && platform::now_seconds() < until) run_->step();
    upload_positions();
}

void MapController::upload_positions() {
    if (!run_ || run_->version() == uploaded_version_) return;
    const std::span<const float> now = run_->positions();
    if (now.empty()) return;
    uploaded_version_ = run_->version();
    positions_.assign(now.begin(), now.end());
    show_positions();
}

void MapController::show_positions() {
    renderer_.set_places(positions_);
    // The grid picks on the layout shown; rebuilt as it moves (linear in the points: a fraction of the slice).
    grid_ = std::make_unique<map::PointGrid>(positions_);
    data_.min_x = data_.min_y = INFINITY;
    data_.max_x = data_.max_y = -INFINITY;
    for (std::size_t i = 0; i + 1 < positions_.size(); i += 2) {
        data_.min_x = std::min(data_.min_x, positions_[i]);
        data_.max_x = std::max(data_.max_x, positions_[i]);
        data_.min_y = std::min(data_.min_y, positions_[i + 1]);
        data_.max_y = std::max(data_.max_y, positions_[i + 1]);
    }
}

void MapController::restyle() {
    const eval::Evaluation* e = state_.eval.find(wish_.candidate);
    const std::string key = std::to_string(static_cast<int>(wish_.colour_by)) + "|" + wish_.candidate + "|" +
                            std::to_string(e ? e->answers.size() : 0) + "|" + std::to_string(points_.size()) + "|" +
                            std::to_string(state_.eval.map_selection.size()) + "|" +
                            (state_.eval.map_selection.empty() ? "" : std::to_string(state_.eval.map_selection.front()) + "-" +
                                                                         std::to_string(state_.eval.map_selection.back()));
    if (key == style_key_ && styles_.size() == points_.size()) return;
    style_key_ = key;
    styles_ = workflow::map_styles(state_, points_, rest_ ? &rest_->rest() : nullptr, wish_.colour_by, wish_.candidate,
                                   state_.eval.map_selection);
    renderer_.set_styles(styles_);
    renderer_.set_palette(map::palette(wish_.colour_by));
}

void MapController::add_points(ImDrawList& draw, ImVec2 min, ImVec2 max, const ui::MapTransform& transform, float radius) {
    if (!renderer_.ready() || renderer_.points() == 0) return;
    const ImGuiIO& io = ImGui::GetIO();
    const float sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
    const float height = io.DisplaySize.y;
    const ImVec2 clip_min = draw.GetClipRectMin(), clip_max = draw.GetClipRectMax();
    const float x0 = std::max(min.x, clip_min.x), y0 = std::max(min.y, clip_min.y);
    const float x1 = std::min(max.x, clip_max.x), y1 = std::min(max.y, clip_max.y);
    if (x1 <= x0 || y1 <= y0) return;
    // WebGL counts pixels from the bottom left.
    frame_.x = static_cast<int>(std::lround(min.x * sx));
    frame_.y = static_cast<int>(std::lround((height - max.y) * sy));
    frame_.width = static_cast<int>(std::lround((max.x - min.x) * sx));
    frame_.height = static_cast<int>(std::lround((max.y - min.y) * sy));
    frame_.clip_x = static_cast<int>(std::lround(x0 * sx));
    frame_.clip_y = static_cast<int>(std::lround((height - y1) * sy));
    frame_.clip_width = static_cast<int>(std::lround((x1 - x0) * sx));
    frame_.clip_height = static_cast<int>(std::lround((y1 - y0) * sy));
    const double ppu = transform.pixels_per_unit;
    frame_.scale_x = static_cast<float>(2 * ppu / (max.x - min.x));
    frame_.scale_y = static_cast<float>(2 * ppu / (max.y - min.y));
    frame_.offset_x = static_cast<float>(-transform.cx * frame_.scale_x);
    frame_.offset_y = static_cast<float>(-transform.cy * frame_.scale_y);
    frame_.radius_px = radius * sx;
    draw.AddCallback(draw_points_callback, &callback_data_);
    draw.AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

}  // namespace tb::app

namespace tb::app {

void MapController::start_bench(std::size_t points, bool through_imgui) {
    if (!renderer_.start()) return;
    bench_points_ = points;
    bench_imgui_ = through_imgui;
    // Six clusters of normally scattered points, seeded: every run draws the same picture.
    std::mt19937_64 random(kLayoutSeed);
    std::normal_distribution<float> spread(0.0f, 0.18f);
    std::uniform_int_distribution<int> cluster(0, 5), role(0, 3);
    positions_.resize(points * 2);
    styles_.resize(points);
    for (std::size_t i = 0; i < points; ++i) {
        const int c = cluster(random);
        const double angle = c * 1.0471975512;
        positions_[i * 2] = static_cast<float>(0.6 * std::cos(angle)) + spread(random);
        positions_[i * 2 + 1] = static_cast<float>(0.6 * std::sin(angle)) + spread(random);
        styles_[i] = map::point_style(static_cast<std::uint8_t>(c), static_cast<map::Role>(role(random)), false);
    }
    renderer_.set_places(positions_);
    renderer_.set_styles(styles_);
    renderer_.set_palette(map::palette(map::ColourBy::label));
}

void MapController::draw_bench() {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("Map benchmark", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ImGui::Text("%zu points through %s", bench_points_, bench_imgui_ ? "ImGui's draw list" : "the map's shaders");
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 max(min.x + avail.x, min.y + avail.y);
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    const ui::MapTransform transform{0, 0, 0.4 * std::min(avail.x, avail.y)};
    const float radius = ImGui::GetFontSize() * 0.09f;
    if (bench_imgui_) {
        // The yardstick: the same discs as ImGui draws anything, eight segments each, in one list.
        const ImVec2 centre((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
        const auto ppu = static_cast<float>(transform.pixels_per_unit);
        for (std::size_t i = 0; i < bench_points_; ++i) {
            const ImVec2 p(centre.x + positions_[i * 2] * ppu, centre.y - positions_[i * 2 + 1] * ppu);
            const plot::Rgb c = map::colour_of(map::ColourBy::label, map::style_colour(styles_[i]));
            draw.AddCircleFilled(p, radius, ImGui::GetColorU32(ImVec4(c.r, c.g, c.b, 1.0f)), 8);
        }
    } else {
        add_points(draw, min, max, transform, radius);
    }
    ImGui::End();
}

void MapController::note_frame_ms(double ms) { bench_ms_.push_back(ms); }

nlohmann::json MapController::json(const ui::MapPanel& panel, float pixel_ratio, float left, float top) const {
    const double css = 1.0 / pixel_ratio;
    nlohmann::json out = {{"source", data_.source},
                          {"stage", data_.stage},
                          {"progress", data_.progress},
                          {"running", busy()},
                          {"error", data_.error},
                          {"points", points_.size()},
                          {"leftOut", data_.left_out},
                          {"everyRow", panel.wish().every_row},
                          {"restRows", rest_ ? rest_->rest().rows.size() : 0},
                          {"projected", projecting_},
                          {"note", data_.note},
                          {"colourBy", static_cast<int>(panel.wish().colour_by)},
                          {"candidate", panel.wish().candidate},
                          {"hoveredRow", panel.hovered_row()},
                          {"selected", state_.eval.map_selection.size()},
                          // The first rows of the selection, for a test to check what a lasso took.
                          {"selectedRows", std::vector<std::uint64_t>(state_.eval.map_selection.begin(),
                                                                       state_.eval.map_selection.begin() +
                                                                           static_cast<std::ptrdiff_t>(std::min<std::size_t>(state_.eval.map_selection.size(), 50)))},
                          {"shownRows", state_.eval.shown_rows.size()},
                          {"selectedListed", state_.eval.map_selection.empty() ? 0 : panel.selected_listed()}};
    const ImVec2 min = panel.canvas_min(), max = panel.canvas_max();
    out["canvas"] = {left + min.x * css, top + min.y * css, (max.x - min.x) * css, (max.y - min.y) * css};
    // Where some rows of each part of the split are on the screen, for a test to point at.
    const ui::MapTransform& t = panel.transform();
    const double cx = (min.x + max.x) * 0.5, cy = (min.y + max.y) * 0.5;
    nlohmann::json on_screen = nlohmann::json::array();
    int taken[4] = {};
    // Not between a change of the split and the next frame's rebuild: the points would be the old split's.
    if (state_.data.dataset && positions_.size() == points_.size() * 2 && inputs_key(wish_.source) == key_) {
        for (std::size_t i = 0; i < points_.size(); ++i) {
            const auto role = static_cast<int>(points_[i].role);
            if (taken[role]++ >= 5) continue;
            on_screen.push_back({{"row", workflow::map_row(state_.data.dataset->split, rest_ ? &rest_->rest() : nullptr, -1, points_[i]).row},
                                 {"role", map::role_name(points_[i].role)},
                                 {"x", left + (cx + (positions_[i * 2] - t.cx) * t.pixels_per_unit) * css},
                                 {"y", top + (cy - (positions_[i * 2 + 1] - t.cy) * t.pixels_per_unit) * css}});
        }
    }
    out["onScreen"] = std::move(on_screen);
    // The point under the pointer: its row, its part of the file and where it is drawn.
    const std::int64_t hovered = panel.hovered_point();
    if (hovered >= 0 && static_cast<std::size_t>(hovered) < points_.size() && positions_.size() == points_.size() * 2) {
        const auto i = static_cast<std::size_t>(hovered);
        out["hovered"] = {{"row", panel.hovered_row()},
                          {"role", map::role_name(points_[i].role)},
                          {"x", left + (cx + (positions_[i * 2] - t.cx) * t.pixels_per_unit) * css},
                          {"y", top + (cy - (positions_[i * 2 + 1] - t.cy) * t.pixels_per_unit) * css}};
    } else {
        out["hovered"] = nullptr;
    }
    if (bench_points_ > 0) {
        // The median of the frames after the first few (which upload the buffers and compile).
        std::vector<double> ms(bench_ms_.begin() + std::min<std::ptrdiff_t>(3, static_cast<std::ptrdiff_t>(bench_ms_.size())), bench_ms_.end());
        std::sort(ms.begin(), ms.end());
        out["bench"] = {{"points", bench_points_},
                        {"imgui", bench_imgui_},
                        {"frames", ms.size()},
                        {"msPerFrame", ms.empty() ? 0.0 : ms[ms.size() / 2]}};
    }
    return out;
}

}  // namespace tb::app
