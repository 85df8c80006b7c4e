#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/api/request_limits.h"

namespace tb::api {

using Headers = std::vector<std::pair<std::string, std::string>>;

// A request as a value: dialects build these, the transport (the browser's fetch, or a fake in tests)
// sends them. Only Authorization (or Azure's api-key) and Content-Type are ever set: other custom headers
// break CORS preflights on several providers.
struct HttpRequest {
    std::string method = "GET";
    std::string url;
    Headers headers;
    std::string body;
    RequestKind kind = RequestKind::Metadata;  // its time and answer size limits (request_limits.h)
};

// What came back. status 0 means no HTTP answer at all: `failure` says whether the network failed (or
// CORS refused the answer, which a page cannot tell apart), the request timed out, or the answer was
// refused for its size (`refused_bytes`: its Content-Length, or what had arrived when it was refused).
struct HttpResponse {
    enum class Failure { None, Network, Timeout, TooLarge };
    int status = 0;
    Headers headers;
    std::string body;
    Failure failure = Failure::None;
    RequestKind kind = RequestKind::Metadata;  // the request's, for messages
    std::uint64_t refused_bytes = 0;

    bool ok() const { return status >= 200 && status < 300; }
    // The first header of that name, compared without case.
    std::optional<std::string_view> header(std::string_view name) const;
};

// Case-insensitive ASCII comparison, as HTTP header names are.
bool same_header_name(std::string_view a, std::string_view b);

}  // namespace tb::api
