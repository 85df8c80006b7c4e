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
    // Set on a question the page may have to ask again after a reload (a test row's): the page's service
    // worker keeps the answer under this key until the page says it has saved it, and answers a request
    // with the same key from there, so an answer in flight when the page went away is paid for once.
    // Never sent to the provider.
    std::string replay_key;
};

// A replay key for `request` asked by `context` (the split, the candidate, the row): 16 hex digits of
// a hash of both, so that a key says nothing of the person's text and fits in a header.
std::string replay_key(std::string_view context, const HttpRequest& request);

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
    // The request's replay key when the service worker answered it: the answer stays kept there until
    // released (once the page has saved it).
    std::string replay_key;

    bool ok() const { return status >= 200 && status < 300; }
    // The first header of that name, compared without case.
    std::optional<std::string_view> header(std::string_view name) const;
};

// Case-insensitive ASCII comparison, as HTTP header names are.
bool same_header_name(std::string_view a, std::string_view b);

}  // namespace tb::api
