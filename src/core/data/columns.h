#pragma once

#include <string_view>

#include "core/csv/header.h"

namespace tb::data {

// Which columns hold the text to classify and its label (-1: none found).
struct ColumnRoles {
    int text = -1;
    int label = -1;
    bool cfpb = false;  // the header is one of the CFPB layouts (18 or 16 columns)
};

// Maps columns by header name, never by position: CFPB files ("Consumer complaint narrative",
// "Product") in either layout; for any other file the person picks the columns.
ColumnRoles detect_columns(const csv::Header& header);

// The index of the column named `name` (exact first, then ignoring case and surrounding spaces), or -1.
int find_column(const csv::Header& header, std::string_view name);

// Empty, whitespace-only (including no-break spaces) and the literal "None" of newer CFPB exports.
bool is_missing_text(std::string_view text);

// Length in characters (UTF-8 code points), for the minimum text length.
std::size_t count_characters(std::string_view text);
// Whether `text` has at least `minimum` characters; looks at no more of it than it must.
bool has_characters(std::string_view text, std::size_t minimum);

}  // namespace tb::data
