#include "core/api/http.h"

#include <algorithm>

#include "core/data/hashing.h"

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

std::string replay_key(std::string_view context, const HttpRequest& request) {
    std::string whole;
    whole.reserve(context.size() + request.method.size() + request.url.size() + request.body.size() + 3);
    for (const std::string_view part : {context, std::string_view(request.method), std::string_view(request.url)}) {
        whole.append(part);
        whole.push_back('\n');  // no two different requests join into the same bytes
    }
    whole.append(request.body);
    return data::hex64(data::hash_text(whole));
}

}  // namespace tb::api
