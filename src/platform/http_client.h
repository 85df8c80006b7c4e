#pragma once

#include <functional>

#include "core/api/http.h"

namespace tb::platform {

// Sends one request with the browser's fetch (the Emscripten Fetch API) straight to the provider;
// `on_done` runs once, with the answer or with status 0 and a failure kind. The request's kind sets its
// timeout and the largest answer taken (request_limits.h): a larger one is refused as soon as its
// Content-Length or its bytes so far pass that, before anything reaches WASM memory.
int send_request(const api::HttpRequest& request, std::function<void(api::HttpResponse)> on_done);

// Aborts the request (the download stops); its `on_done` never runs.
void cancel_request(int id);

}  // namespace tb::platform
