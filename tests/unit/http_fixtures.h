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

}  // namespace tb::api::testing
