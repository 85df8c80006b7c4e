#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace tb::linear {

// Dense rows read standardised: value j as (x_j − shift[j]) · scale[j] (none when empty). Vectors are
// standardised as they are read, so the ones a page holds are never copied or changed to be learnt from.
struct Standardising {
    std::span<const float> shift, scale;
    bool on() const { return !shift.empty(); }
};

// Calls on_value(column, value) for each value of a row. A row given without columns is dense: its value
// j is column j, standardised when `standardising` is on. The solver and the scoring read every row
// through this, so one solver serves sparse TF-IDF rows and dense embedding vectors alike.
template <typename OnValue>
inline void for_each_value(std::span<const std::int32_t> columns, std::span<const float> values, OnValue&& on_value,
                           Standardising standardising = {}) {
    if (!columns.empty()) {
        for (std::size_t j = 0; j < values.size(); ++j) on_value(static_cast<std::size_t>(columns[j]), values[j]);
    } else if (standardising.on()) {
        for (std::size_t j = 0; j < values.size(); ++j) {
            on_value(j, (values[j] - standardising.shift[j]) * standardising.scale[j]);
        }
    } else {
        for (std::size_t j = 0; j < values.size(); ++j) on_value(j, values[j]);
    }
}

// Feature rows, one after the other: either sparse (row i's nonzero values and their columns, by row) or
// dense (every row `width` values in one contiguous block of floats, no columns stored: the layout of
// embedding vectors, 4 bytes a value). A set is one or the other, as its first row makes it.
struct FeatureRows {
    std::vector<std::size_t> starts = {0};  // row i: values [starts[i], starts[i + 1])
    std::vector<std::int32_t> columns;      // sparse rows' columns, beside their values
    std::vector<float> values;
    std::size_t width = 0;  // columns a row may use
    bool dense = false;

    std::size_t size() const { return starts.size() - 1; }
    std::size_t nonzeros() const { return values.size(); }
    // Empty for a dense row (see for_each_value).
    std::span<const std::int32_t> columns_of(std::size_t row) const {
        if (dense) return {};
        return std::span<const std::int32_t>(columns).subspan(starts[row], starts[row + 1] - starts[row]);
    }
    std::span<const float> values_of(std::size_t row) const {
        return std::span<const float>(values).subspan(starts[row], starts[row + 1] - starts[row]);
    }
    void add_row(std::span<const std::int32_t> row_columns, std::span<const float> row_values) {
        columns.insert(columns.end(), row_columns.begin(), row_columns.end());
        values.insert(values.end(), row_values.begin(), row_values.end());
        starts.push_back(values.size());
    }
    // A dense row of `width` values (the set must be dense: set `dense` and `width` first).
    void add_dense_row(std::span<const float> row_values) {
        values.insert(values.end(), row_values.begin(), row_values.end());
        starts.push_back(values.size());
    }
};

}  // namespace tb::linear
