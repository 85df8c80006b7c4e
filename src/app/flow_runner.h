#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "app/request_runner.h"
#include "core/api/flow.h"
#include "core/workflow/state.h"

namespace tb::app {

// Carries out the steps of core step machines (api::Flow): a Send goes through the RequestRunner (so it
// shares the profile's limit on requests at once), a Wait becomes a timer, and after every step the
// flow's owner is told on the main thread, where it copies what the flow learnt into the State.
class FlowRunner {
public:
    using Post = std::function<void(std::function<void(workflow::State&)>)>;
    // After each step the flow takes, with the flow (to read what it learnt) and the step. Done and Failed
    // are the last: the flow is dropped once this returns.
    using OnStep = std::function<void(api::Flow& flow, const api::FlowStep& step)>;

    FlowRunner(RequestRunner& runner, Post post) : runner_(runner), post_(std::move(post)) {}

    // Runs `flow` under `key`, its requests counted against `profile`'s. A flow already under `key` is
    // stopped first.
    void run(const std::string& key, const std::string& profile, std::unique_ptr<api::Flow> flow, OnStep on_step);
    // Stops the flow under `key` wherever it is: its request dropped, its wait void, `on_step` never called
    // again. True when a request of it had left the browser and is unanswered, so the provider may have
    // acted on it.
    bool stop(const std::string& key);
    bool running(const std::string& key) const { return flows_.count(key) > 0; }
    api::Flow* find(const std::string& key);
    // Flows under way (to keep frames coming while there are any).
    int count() const { return static_cast<int>(flows_.size()); }

private:
    struct Running {
        std::string profile;
        std::unique_ptr<api::Flow> flow;
        OnStep on_step;
        int generation = 0;  // a newer run under the same key makes older callbacks void
        int call = 0;        // the request under way, or 0
    };

    void take(const std::string& key, int generation, const api::FlowStep& step);
    Running* current(const std::string& key, int generation);

    RequestRunner& runner_;
    Post post_;
    std::map<std::string, Running> flows_;
    int generations_ = 0;
};

}  // namespace tb::app
