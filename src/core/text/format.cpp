#include "core/text/format.h"

#include <cmath>
#include <cstdio>

namespace tb::text {

std::string with_commas(std::uint64_t n) {
    const std::string digits = std::to_string(n);
    std::string out;
    out.reserve(digits.size() + digits.size() / 3);
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string format_bytes(std::uint64_t bytes) {
    char text[32];
    const double value = static_cast<double>(bytes);
    if (bytes < 1000) {
        std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
    } else if (bytes < 1000000) {
        std::snprintf(text, sizeof text, "%.1f KB", value / 1e3);
    } else if (bytes < 1000000000) {
        std::snprintf(text, sizeof text, "%.1f MB", value / 1e6);
    } else {
        std::snprintf(text, sizeof text, "%.2f GB", value / 1e9);
    }
    return text;
}

std::string format_duration(double seconds) {
    char text[32];
    if (!(seconds >= 0) || !std::isfinite(seconds)) return "–";
    if (seconds < 10) {
        std::snprintf(text, sizeof text, "%.1f s", seconds);
    } else if (seconds < 60) {
        std::snprintf(text, sizeof text, "%.0f s", std::floor(seconds));
    } else if (seconds < 3600) {
        const auto whole = static_cast<long long>(seconds);
        std::snprintf(text, sizeof text, "%lld min %02lld s", whole / 60, whole % 60);
    } else {
        const auto minutes = static_cast<long long>(seconds / 60);
        std::snprintf(text, sizeof text, "%lld h %02lld min", minutes / 60, minutes % 60);
    }
    return text;
}

std::string safe_file_name(std::string_view name) {
    std::string out(name);
    for (char& c : out) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                          c == '_' || c == '-';
        if (!keep) c = '-';
    }
    return out;
}

}  // namespace tb::text
