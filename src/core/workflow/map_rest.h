#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/split.h"
#include "core/map/pca.h"
#include "core/workflow/map_rows.h"

namespace tb::workflow {

// The file's rows outside the split, read again for the map ("the rest": map::Role::other), in the file's
// order. Each row keeps its number and label, and either its vector, for a layout of every row, or its
// place, projected as it is read, when the rows are too many to lay out (then their texts are not kept:
// a million would not fit in the page's memory).
struct MapRest {
    std::vector<std::uint64_t> rows;
    std::vector<std::uint16_t> labels;  // into names
    std::vector<std::string> names;     // each label met, once
    std::vector<std::uint64_t> counts;  // rows of each name
    std::vector<std::string> texts;     // cut to kRestTextBytes; empty when projected as read
    std::vector<float> vectors;         // rows × dims, when held
    std::vector<float> places;          // rows × 2, when projected as read
    std::uint64_t without_vector = 0;   // left out: no vector (an embedding the page does not hold)
};
inline constexpr std::size_t kRestTextBytes = 400;

// The rows of `rest` whose label is none of `classes` (a class the split leaves out): drawn grey.
std::uint64_t rows_outside(const MapRest& rest, const std::vector<std::string>& classes);

// Why the file's other rows cannot be read onto the map now (the file is not open: after a reload the
// page keeps only the split's rows), or empty.
std::string map_rest_unavailable_because(const State& state);
// The rows of the file a map may show: its eligible rows (data::Ingest; the split is drawn from them), so
// every split row is among them.
std::uint64_t map_file_rows(const data::Ingest& ingest);
// Whether a map of `rows` rows in all is laid out from every row's vector (PCA, then the refinement), or
// projected row by row as the file is read (past map::kMaxRefinedRows, where the refinement stops).
bool map_projects_as_read(std::uint64_t rows);

// Takes each eligible row of the file (a data::EligibleRowSink) that is not a split row into a MapRest,
// with its vector from `vectors`: held, or, given a projection, projected at once.
class MapRestGatherer {
public:
    // `split` and `projection` (null: hold the vectors) must outlive the gatherer.
    MapRestGatherer(const data::Split& split, MapVectors vectors, const map::Projection* projection);
    void add(std::uint64_t row, const std::string& label, std::string_view text);
    MapRest& rest() { return rest_; }

private:
    std::vector<std::uint64_t> split_rows_;  // sorted
    MapVectors vectors_;
    const map::Projection* projection_;
    std::vector<float> vector_;
    MapRest rest_;
};

}  // namespace tb::workflow
