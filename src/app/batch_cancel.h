#pragma once

#include <functional>
#include <string>

#include "app/flow_runner.h"
#include "core/api/batch_api.h"

namespace tb::app {

// Asks the provider to cancel batch `batch_id` (one request, under its own key so it runs beside the
// batch's watching). `then` hears the provider's refusal, or an empty string once it took the cancel.
// Asking twice does no harm, so the runner may retry it.
void cancel_batch(FlowRunner& flows, const api::BatchApi& api, const api::Endpoint& endpoint, const std::string& profile,
                  const std::string& client_id, const std::string& batch_id, std::function<void(const std::string&)> then);

}  // namespace tb::app
