#pragma once

#include <string>

#include "core/api/http.h"

namespace tb::api::testing {

// A 200 answer with `body`, as a provider would send it.
inline HttpResponse ok(const std::string& body) {
    HttpResponse response;
    response.status = 200;
    response.body = body;
    return response;
}

// An answer with any status.
inline HttpResponse answer(int status, std::string body = "") {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

// No answer at all: the connection failed.
inline HttpResponse dropped() {
    HttpResponse response;
    response.failure = HttpResponse::Failure::Network;
    return response;
}

}  // namespace tb::api::testing
