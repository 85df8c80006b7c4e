#include "core/csv/header.h"

namespace tb::csv {
namespace {

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string_view trim_ascii(std::string_view text) {
    while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
    return text;
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

std::optional<std::size_t> Header::find_exact(std::string_view name) const {
    for (std::size_t i = 0; i < names_.size(); ++i)
        if (names_[i] == name) return i;
    return std::nullopt;
}

std::optional<std::size_t> Header::find(std::string_view name) const {
    if (const auto exact = find_exact(name)) return exact;
    const std::string_view wanted = trim_ascii(name);
    for (std::size_t i = 0; i < names_.size(); ++i)
        if (equals_ignoring_ascii_case(trim_ascii(names_[i]), wanted)) return i;
    return std::nullopt;
}

}  // namespace tb::csv
