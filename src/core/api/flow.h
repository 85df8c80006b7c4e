#pragma once

#include <string>

#include "core/api/errors.h"
#include "core/api/http.h"
#include "core/api/retry.h"

namespace tb::api {

// What a flow wants next. Long provider work (uploading a file, creating a job or a batch without paying
// twice, watching one until it ends) is written as a step machine that only says what to do — send
// this, wait that long, done, failed — and is told what came back. It does no input or output itself,
// so each transition is unit-tested natively; one runner in src/app (FlowRunner) carries the steps out.
struct FlowStep {
    enum class Kind { Send, Wait, Done, Failed };
    Kind kind = Kind::Done;
    HttpRequest request;       // Send
    RetryPolicy retry{0, 0};   // Send: the runner's own retries (none unless the flow asks for them)
    double wait_seconds = 0;   // Wait: then resume()
    ApiError error;            // Failed
    // Send: what the person is told is under way ("Uploading batch input (2.1 MB)…"); may be empty.
    std::string doing;

    static FlowStep send(HttpRequest request, RetryPolicy retry = {0, 0}, std::string doing = {});
    static FlowStep wait(double seconds);
    static FlowStep done();
    static FlowStep failed(ApiError error);
};

class Flow {
public:
    virtual ~Flow() = default;
    // The first step.
    virtual FlowStep start() = 0;
    // The answer to the last Send step's request (after the runner's retries, if the step asked for any).
    virtual FlowStep on_response(const HttpResponse& response, double now_epoch_seconds, double jitter) = 0;
    // After a Wait step.
    virtual FlowStep resume() = 0;
};

}  // namespace tb::api
