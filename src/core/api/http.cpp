#include "core/api/http.h"

#include <algorithm>

namespace tb::api {

bool same_header_name(std::string_view a, std::string_view b) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

std::optional<std::string_view> HttpResponse::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (same_header_name(key, name)) return std::string_view(value);
    }
    return std::nullopt;
}

}  // namespace tb::api
