#include "core/data/split_csv.h"

#include <array>

#include "core/csv/writer.h"

namespace tb::data {

void append_csv_field(std::string& out, std::string_view field) { csv::append_field(out, field); }

std::string split_csv(const Split& split, int text_column) {
    std::string out = "split,row,label,text\r\n";
    const std::array<std::pair<std::string_view, const std::vector<SplitRow>*>, 3> parts = {
        {{"train", &split.train}, {"validation", &split.validation}, {"test", &split.test}}};
    for (const auto& [name, rows] : parts) {
        for (const SplitRow& row : *rows) {
            out.append(name);
            out.push_back(',');
            out.append(std::to_string(row.row));
            out.push_back(',');
            append_csv_field(out, row.label);
            out.push_back(',');
            append_csv_field(out, field_of(row, text_column));
            out.append("\r\n");
        }
    }
    return out;
}

}  // namespace tb::data
