#pragma once

#include <string>
#include <string_view>

#include "core/data/split.h"

namespace tb::data {

// One CSV field, quoted when it must be (RFC 4180).
void append_csv_field(std::string& out, std::string_view field);

// The split as CSV: split, row, label, text, one line per row, train then validation then test.
std::string split_csv(const Split& split, int text_column);

}  // namespace tb::data
