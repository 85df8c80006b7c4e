#include "core/csv/writer.h"

#include <initializer_list>

namespace tb::csv {

namespace {
// Whole-field searches (memchr underneath) rather than a test of every byte: a complaint's narrative is
// kilobytes, nearly always quoted for a comma, and every row of a labelled file is written again.
bool needs_quotes(std::string_view field, char delimiter) {
    if (field.empty()) return false;
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    if (blank(field.front()) || blank(field.back())) return true;
    for (const char special : {delimiter, '"', '\n', '\r'}) {
        if (field.find(special) != std::string_view::npos) return true;
    }
    return false;
}
}  // namespace

void append_field(std::string& out, std::string_view field, char delimiter) {
    if (!needs_quotes(field, delimiter)) {
        out.append(field);
        return;
    }
    out.push_back('"');
    // Each quote is doubled: the text up to and with it, then another.
    for (std::size_t quote; (quote = field.find('"')) != std::string_view::npos; field.remove_prefix(quote + 1)) {
        out.append(field.substr(0, quote + 1));
        out.push_back('"');
    }
    out.append(field);
    out.push_back('"');
}

void append_record(std::string& out, std::span<const std::string_view> fields, char delimiter) {
    if (fields.size() == 1 && fields[0].empty()) {
        out.append("\"\"\r\n");
        return;
    }
    for (std::size_t k = 0; k < fields.size(); ++k) {
        if (k > 0) out.push_back(delimiter);
        append_field(out, fields[k], delimiter);
    }
    out.append("\r\n");
}

}  // namespace tb::csv
