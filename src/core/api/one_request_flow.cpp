#include "core/api/one_request_flow.h"

#include <utility>

namespace tb::api {

OneRequestFlow::OneRequestFlow(HttpRequest request, RetryPolicy retry) : request_(std::move(request)), retry_(retry) {}

FlowStep OneRequestFlow::start() { return FlowStep::send(request_, retry_); }

FlowStep OneRequestFlow::on_response(const HttpResponse& response, double, double) {
    response_ = response;
    return FlowStep::done();
}

// It never waits: the runner's retries are the only ones.
FlowStep OneRequestFlow::resume() { return start(); }

}  // namespace tb::api
