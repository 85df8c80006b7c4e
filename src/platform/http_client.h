#pragma once

#include <functional>

#include "core/api/http.h"

namespace tb::platform {

// Sends one request with the browser's fetch (the Emscripten Fetch API) straight to the provider;
// `on_done` runs once, with the answer or with status 0 and a failure kind.
int send_request(const api::HttpRequest& request, std::function<void(api::HttpResponse)> on_done);

// The request's callback will not run. (Emscripten 3.1.6 cannot abort a fetch in flight, and closing one
// early frees memory its callback still uses: the request runs to its end and its answer is dropped.)
void abandon_request(int id);

}  // namespace tb::platform
