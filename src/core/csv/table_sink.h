#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/csv/reader.h"

namespace tb::csv {

// A sink that keeps every row in memory: for small inputs such as built-in demo data and tests, never
// for a person's whole file.
class TableSink : public RowSink {
public:
    struct StoredRow {
        std::uint64_t number = 0;
        std::uint64_t offset = 0;
        bool well_formed = true;
        std::vector<std::string> fields;
    };

    explicit TableSink(ColumnSelection selection = {}) : selection_(std::move(selection)) {}

    ColumnSelection on_header(const Header& header) override;
    void on_row(const Row& row) override;

    int headers_seen() const { return headers_seen_; }  // 1 after a normal read; more means misuse
    const std::vector<StoredRow>& rows() const { return rows_; }

private:
    ColumnSelection selection_;
    int headers_seen_ = 0;
    std::vector<StoredRow> rows_;
};

}  // namespace tb::csv
