#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/split.h"
#include "core/map/point_styles.h"

namespace tb::workflow {

struct State;
struct MapRest;

// Where the map's vectors come from: the in-browser classifier in hand (id "local") or an embeddings
// candidate whose vectors the page holds (its candidate id).
struct MapSource {
    std::string id;
    std::string name;         // as the combo shows it
    std::string description;  // what the vectors are, in a sentence
};
inline constexpr const char* kLocalMapSource = "local";
std::vector<MapSource> map_sources(const State& state);

// A row on the map: the split's training, validation and test rows, in that order, and the file's other
// rows (Role::other) when they are read (map_rest.h).
struct MapPoint {
    map::Role role = map::Role::training;
    std::uint32_t index = 0;  // into that part of the split, or into the MapRest
};
std::vector<MapPoint> split_points(const data::Split& split);
const data::SplitRow& row_of(const data::Split& split, MapPoint point);  // a split row's
// What the map says of a point's row, wherever it is: its number, its label, its text (a row outside the
// split keeps at most the first kRestTextBytes, and none on a map projected as read).
struct MapRow {
    std::uint64_t row = 0;
    std::string_view label, text;
};
MapRow map_row(const data::Split& split, const MapRest* rest, int text_column, MapPoint point);

// The indices of `points` whose row is in `rows` (sorted), ordered by row number: a selection's points.
std::vector<std::uint32_t> points_of_rows(const data::Split& split, const MapRest* rest, std::span<const MapPoint> points,
                                          std::span<const std::uint64_t> rows);

// Each point's vector from `source`, n × dims() floats, for the points that have one. The in-browser
// fastText-style model gives the mean of the text's input vectors (what its classifier reads); the
// TF-IDF model, whose features are too many to draw from, its probabilities per class; an
// embeddings candidate, the vectors the page holds (a point whose text's vector it does not hold is left out).
class MapVectors {
public:
    MapVectors(const State& state, std::string source_id);
    bool valid() const { return dims_ > 0; }
    int dims() const { return dims_; }
    // Fills `out` (dims() floats) with the row's (the text's) vector; false when it has none.
    bool fill(const data::SplitRow& row, float* out);
    bool fill_text(std::string_view text, float* out);

private:
    const State& state_;
    std::string source_;
    int dims_ = 0;
    std::vector<std::int32_t> rows_;  // the fastText model's rows of a text
    std::vector<double> probabilities_;
};

// Each point's style byte: its role, its colour under `by` (by `candidate_id`'s answers for answer and
// right_wrong; unanswered rows take no colour), and whether its row number is in `selected` (sorted).
// `rest` holds the Role::other points' rows (null when there are none).
std::vector<std::uint8_t> map_styles(const State& state, std::span<const MapPoint> points, const MapRest* rest,
                                     map::ColourBy by, const std::string& candidate_id,
                                     std::span<const std::uint64_t> selected);

}  // namespace tb::workflow
