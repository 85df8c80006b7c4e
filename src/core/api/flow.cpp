#include "core/api/flow.h"

#include <utility>

namespace tb::api {

FlowStep FlowStep::send(HttpRequest request, RetryPolicy retry, std::string doing) {
    FlowStep step;
    step.kind = Kind::Send;
    step.request = std::move(request);
    step.retry = retry;
    step.doing = std::move(doing);
    return step;
}

FlowStep FlowStep::wait(double seconds) {
    FlowStep step;
    step.kind = Kind::Wait;
    step.wait_seconds = seconds;
    return step;
}

FlowStep FlowStep::done() { return FlowStep{}; }

FlowStep FlowStep::failed(ApiError error) {
    FlowStep step;
    step.kind = Kind::Failed;
    step.error = std::move(error);
    return step;
}

}  // namespace tb::api
