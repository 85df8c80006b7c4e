#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace tb::linear {

// Feature rows, compressed by row: row i's nonzero values and their columns. Dense rows (embeddings)
// are rows whose columns are 0..n-1, so one solver serves both.
struct SparseRows {
    std::vector<std::size_t> starts = {0};  // row i: [starts[i], starts[i + 1])
    std::vector<std::int32_t> columns;
    std::vector<float> values;
    std::size_t width = 0;  // columns a row may use

    std::size_t size() const { return starts.size() - 1; }
    std::size_t nonzeros() const { return values.size(); }
    std::span<const std::int32_t> columns_of(std::size_t row) const {
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
    void add_dense_row(std::span<const float> row_values) {
        for (std::size_t c = 0; c < row_values.size(); ++c) columns.push_back(static_cast<std::int32_t>(c));
        values.insert(values.end(), row_values.begin(), row_values.end());
        starts.push_back(values.size());
    }
};

}  // namespace tb::linear
