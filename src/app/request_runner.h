#pragma once

#include <functional>

#include "core/api/http.h"
#include "core/api/retry.h"

namespace tb::app {

// Sends a request and retries it as the policy says (waiting between tries without blocking), then
// hands the final answer over. The one place every provider call goes through.
class RequestRunner {
public:
    void send(api::HttpRequest request, api::RetryPolicy policy, std::function<void(api::HttpResponse)> on_done);
    int in_flight() const { return in_flight_; }

private:
    void attempt(api::HttpRequest request, api::RetryPolicy policy, int retry,
                 std::function<void(api::HttpResponse)> on_done);

    int in_flight_ = 0;
};

}  // namespace tb::app
