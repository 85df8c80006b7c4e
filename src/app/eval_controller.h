#pragma once

#include <functional>
#include <string>

#include "app/providers_controller.h"
#include "app/request_runner.h"
#include "core/workflow/chat_asking.h"
#include "core/workflow/state.h"

namespace tb::app {

// Asks the running evaluations' test rows of their models: a few rows in flight per provider profile
// (the person's concurrency; fewer after 429s, through the shared runner), each answer stored in the
// State the moment it arrives. A row is asked again only if its answer never came.
class EvalController {
public:
    using Post = std::function<void(std::function<void(workflow::State&)>)>;

    EvalController(workflow::State& state, Post post, RequestRunner& runner, ProvidersController& providers);

    // Sends what may be sent now; called every frame (cheap when nothing runs).
    void pump(double now);
    // Rows asked and not yet answered, over every evaluation.
    int in_flight() const;

private:
    void ask(eval::Evaluation& evaluation, const workflow::ChatAsking& asking, const data::SplitRow& row, double now);
    void answered(workflow::State& state, const std::string& split_id, const std::string& id, std::uint64_t row, double sent,
                  const api::HttpResponse& response);

    workflow::State& state_;
    Post post_;
    RequestRunner& runner_;
    ProvidersController& providers_;
};

}  // namespace tb::app
