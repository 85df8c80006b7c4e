#include "core/plot/csv_export.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace tb::plot {

namespace {

void append_field(std::string& out, std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

}  // namespace

std::string exact_number(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    if (value == 0) return "0";
    // Fewest significant digits that survive a round trip (std::to_chars for doubles is not in every
    // standard library we build with). %g drops trailing zeros, and any double is written exactly by 15
    // digits when it can be at all by so few (DBL_DIG), so trying 15, 16 and 17 suffices.
    char buffer[32];
    for (int digits = 15; digits <= 17; ++digits) {
        std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
        if (std::strtod(buffer, nullptr) == value) break;
    }
    return buffer;
}

std::string series_csv(std::span<const Series> series) {
    std::string out = "run,series,step,value\n";
    for (const Series& s : series) {
        for (const Point& p : s.points) {
            append_field(out, s.run);
            out += ',';
            append_field(out, s.name);
            out += ',';
            out += exact_number(p.x);
            out += ',';
            out += exact_number(p.y);
            out += '\n';
        }
    }
    return out;
}

}  // namespace tb::plot
