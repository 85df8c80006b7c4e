#include "core/csv/table_sink.h"

namespace tb::csv {

ColumnSelection TableSink::on_header(const Header& header) {
    (void)header;
    ++headers_seen_;
    return selection_;
}

void TableSink::on_row(const Row& row) {
    rows_.push_back({row.number, row.offset, row.well_formed, {row.fields.begin(), row.fields.end()}});
}

}  // namespace tb::csv
