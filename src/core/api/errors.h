#pragma once

#include <string>

#include "core/api/http.h"

namespace tb::api {

// A provider's failure, as the person needs to see it: the provider's own words, the HTTP status and
// request id (to quote to support), and what to do about it.
struct ApiError {
    int status = 0;
    std::string type;        // "invalid_request_error", … (OpenAI's error.type)
    std::string code;        // "insufficient_quota", "training_not_available", … (error.code)
    std::string message;     // the provider's message, or ours when it sent none
    std::string request_id;  // x-request-id, when the provider exposes it
    std::string guidance;    // what to do, in plain words; empty when the message says it all
};

// Reads an error answer: OpenAI's {"error": {message, type, param, code}}, Together's {"message": …} or
// {"error": "…"}, or any other body (kept short). Status 0 is explained as a network or CORS failure.
ApiError parse_api_error(const HttpResponse& response);

// One line for the status bar and the aria-live region: "HTTP 401: Incorrect API key … (request req_…)
// Check the key …".
std::string describe(const ApiError& error);

}  // namespace tb::api
