#include "core/csv/writer.h"

namespace tb::csv {

namespace {
bool needs_quotes(std::string_view field, char delimiter) {
    for (const char c : field) {
        if (c == delimiter || c == '"' || c == '\r' || c == '\n') return true;
    }
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    return !field.empty() && (blank(field.front()) || blank(field.back()));
}
}  // namespace

void append_field(std::string& out, std::string_view field, char delimiter) {
    if (!needs_quotes(field, delimiter)) {
        out.append(field);
        return;
    }
    out.push_back('"');
    for (const char c : field) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
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
