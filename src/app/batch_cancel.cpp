#include "app/batch_cancel.h"

#include <memory>

#include "core/api/one_request_flow.h"

namespace tb::app {

void cancel_batch(FlowRunner& flows, const api::BatchApi& api, const api::Endpoint& endpoint, const std::string& profile,
                  const std::string& client_id, const std::string& batch_id, std::function<void(const std::string&)> then) {
    flows.run("batch-cancel:" + client_id, profile,
              std::make_unique<api::OneRequestFlow>(api.cancel(endpoint, batch_id), api::RetryPolicy{}),
              [api, then = std::move(then)](api::Flow& flow, const api::FlowStep& step) {
                  if (step.kind != api::FlowStep::Kind::Done) return;
                  const auto answered = api.parse_batch(static_cast<api::OneRequestFlow&>(flow).response());
                  const auto* error = std::get_if<api::ApiError>(&answered);
                  then(error != nullptr ? api::describe(*error) : std::string());
              });
}

}  // namespace tb::app
