#pragma once

#include "core/api/flow.h"

namespace tb::api {

// A single request as a flow, for the short provider calls that sit beside the long ones (cancelling a
// job, attaching one, listing recent jobs, looking for a job by its client id): run by the same runner,
// they are stopped and counted the same way. Done once answered; the owner reads response().
class OneRequestFlow : public Flow {
public:
    explicit OneRequestFlow(HttpRequest request, RetryPolicy retry = {});

    FlowStep start() override;
    FlowStep on_response(const HttpResponse& response, double now_epoch_seconds, double jitter) override;
    FlowStep resume() override;

    // Once Done: the answer, after the runner's retries.
    const HttpResponse& response() const { return response_; }

private:
    HttpRequest request_;
    RetryPolicy retry_;
    HttpResponse response_;
};

}  // namespace tb::api
