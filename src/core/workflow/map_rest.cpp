#include "core/workflow/map_rest.h"

#include <algorithm>

#include "core/data/ingest.h"
#include "core/map/refinement.h"
#include "core/text/utf8.h"
#include "core/workflow/state.h"

namespace tb::workflow {

std::uint64_t rows_outside(const MapRest& rest, const std::vector<std::string>& classes) {
    std::uint64_t rows = 0;
    for (std::size_t i = 0; i < rest.names.size(); ++i) {
        if (data::class_index(classes, rest.names[i]) < 0) rows += rest.counts[i];
    }
    return rows;
}

std::string map_rest_unavailable_because(const State& state) {
    return reread_unavailable_because(state, "to see its other rows on the map");
}

std::uint64_t map_file_rows(const data::Ingest& ingest) {
    std::uint64_t rows = 0;
    for (const data::ClassTally* tally : ingest.classes_by_count()) rows += tally->eligible;
    return rows;
}

bool map_projects_as_read(std::uint64_t rows) { return rows > map::kMaxRefinedRows; }

MapRestGatherer::MapRestGatherer(const data::Split& split, MapVectors vectors, const map::Projection* projection)
    : vectors_(std::move(vectors)), projection_(projection), vector_(static_cast<std::size_t>(std::max(vectors_.dims(), 0))) {
    for (const auto* part : {&split.train, &split.validation, &split.test}) {
        for (const data::SplitRow& row : *part) split_rows_.push_back(row.row);
    }
    std::sort(split_rows_.begin(), split_rows_.end());
}

void MapRestGatherer::add(std::uint64_t row, const std::string& label, std::string_view text) {
    if (std::binary_search(split_rows_.begin(), split_rows_.end(), row)) return;  // on the map already
    if (!vectors_.fill_text(text, vector_.data())) {
        ++rest_.without_vector;
        return;
    }
    rest_.rows.push_back(row);
    // Few labels, met again and again: the last one first.
    std::size_t name = rest_.names.size();
    if (!rest_.labels.empty() && rest_.names[rest_.labels.back()] == label) {
        name = rest_.labels.back();
    } else {
        name = static_cast<std::size_t>(std::find(rest_.names.begin(), rest_.names.end(), label) - rest_.names.begin());
        if (name == rest_.names.size()) {
            rest_.names.push_back(label);
            rest_.counts.push_back(0);
        }
    }
    ++rest_.counts[name];
    rest_.labels.push_back(static_cast<std::uint16_t>(name));
    if (projection_) {
        const std::size_t at = rest_.places.size();
        rest_.places.resize(at + 2);
        map::project(*projection_, vector_, 0, 1, rest_.places.data() + at);
        return;
    }
    rest_.texts.emplace_back(text::cut_utf8(text, kRestTextBytes));
    rest_.vectors.insert(rest_.vectors.end(), vector_.begin(), vector_.end());
}

}  // namespace tb::workflow
