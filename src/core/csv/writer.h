#pragma once

#include <span>
#include <string>
#include <string_view>

namespace tb::csv {

// Writes what Reader reads back field for field (RFC 4180): a field is quoted when it holds the
// delimiter, a quote or a line break, or begins or ends with a space or tab (kept as they are, but a
// spreadsheet would trim them), and a quote inside is doubled.
void append_field(std::string& out, std::string_view field, char delimiter = ',');

// One record and its line end (\r\n). A record of one empty field is written "" : an empty line would be
// skipped as blank when read back.
void append_record(std::string& out, std::span<const std::string_view> fields, char delimiter = ',');

}  // namespace tb::csv
