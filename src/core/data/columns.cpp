#include "core/data/columns.h"

#include <algorithm>
#include <array>

namespace tb::data {

namespace {

constexpr std::string_view kCfpbText = "Consumer complaint narrative";
constexpr std::string_view kCfpbLabel = "Product";
constexpr std::array<std::string_view, 4> kCfpbMarkers = {"Date received", "Sub-product", "Complaint ID",
                                                          "Company response to consumer"};

}  // namespace

int find_column(const csv::Header& header, std::string_view name) {
    const auto column = header.find(name);
    return column ? static_cast<int>(*column) : -1;
}

ColumnRoles detect_columns(const csv::Header& header) {
    ColumnRoles roles;
    roles.text = find_column(header, kCfpbText);
    roles.label = find_column(header, kCfpbLabel);
    const bool markers = std::all_of(kCfpbMarkers.begin(), kCfpbMarkers.end(),
                                     [&](std::string_view marker) { return find_column(header, marker) >= 0; });
    roles.cfpb = roles.text >= 0 && roles.label >= 0 && markers && (header.size() == 18 || header.size() == 16);
    return roles;
}

bool is_missing_text(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
            ++i;
        } else if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
            i += 2;
        } else {
            break;
        }
    }
    if (i == text.size()) return true;
    return csv::trim_ascii(text) == "None";
}

std::size_t count_characters(std::string_view text) {
    std::size_t count = 0;
    for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
}

bool has_characters(std::string_view text, std::size_t minimum) {
    // A character takes one to four bytes: many texts are decided by their size alone.
    if (text.size() < minimum) return false;
    if (text.size() >= 4 * minimum) return true;
    return count_characters(text) >= minimum;
}

}  // namespace tb::data
