#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/ingest.h"

namespace tb::data {

enum class Balance { Balanced, Proportional };

struct SplitSettings {
    std::size_t train = 100, validation = 100, test = 100;
    // Balanced: each split spread evenly over the classes, as in the original experiment.
    // Proportional: each class in proportion to its rows.
    Balance balance = Balance::Balanced;
    std::size_t top_k = 6;             // the k largest classes, unless `classes` names them
    std::vector<std::string> classes;  // picked by hand (after label families)
};

struct SplitRow {
    std::uint64_t row = 0;
    std::uint64_t key = 0;
    std::string label;
    std::vector<std::string> fields;
};

// The row's field `column` (the text column, say); empty when it has none (-1: not chosen).
inline std::string_view field_of(const SplitRow& row, int column) {
    const auto at = static_cast<std::size_t>(column);
    return column >= 0 && at < row.fields.size() ? std::string_view(row.fields[at]) : std::string_view();
}

// The index of `label` among `classes`, or -1.
inline int class_index(const std::vector<std::string>& classes, std::string_view label) {
    const auto found = std::find(classes.begin(), classes.end(), label);
    return found == classes.end() ? -1 : static_cast<int>(found - classes.begin());
}

struct Split {
    std::vector<std::string> classes;
    std::vector<SplitRow> train, validation, test;
    std::vector<std::string> warnings;  // classes with too few rows, names not found
    // The ingest kept fewer rows per class than these sizes need: read the file again with
    // IngestSettings::sample_capacity = train + validation + test.
    bool needs_larger_sample = false;
};

// Which classes a split uses: the ones picked by hand (in the data's order of size), else the top k.
std::vector<std::string> chosen_classes(const Ingest& ingest, const SplitSettings& settings);

// How many rows of each class each split takes: quotas[class][0..2] = train, validation, test.
// Remainders go to the larger classes (largest remainder for proportional), so totals are exact.
std::vector<std::array<std::size_t, 3>> split_quotas(const std::vector<std::uint64_t>& class_rows,
                                                     const SplitSettings& settings);

// A hash of rows with their labels, whatever their order: the same rows labelled the same way give the same
// value (a saved split may list its rows in another order than the one drawn).
std::uint64_t rows_hash(const std::vector<SplitRow>& rows);

// Draws the split from the ingest's per-class samples: each class's rows in increasing key order go
// to train, then validation, then test; each split is then ordered by key, which mixes the classes.
Split draw_split(const Ingest& ingest, const SplitSettings& settings);

// Another split of the same rows: each class's rows (train, validation and test together) ordered by a
// new seed and dealt out again in the numbers the split has. Repeating an evaluation over such splits
// shows how much a score owes to which rows happened to be held out.
Split reshuffle_split(const Split& split, std::uint64_t seed);

}  // namespace tb::data
