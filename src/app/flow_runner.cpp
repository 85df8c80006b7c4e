#include "app/flow_runner.h"

#include "platform/timer.h"

namespace tb::app {

using Kind = api::FlowStep::Kind;

void FlowRunner::run(const std::string& key, const std::string& profile, std::unique_ptr<api::Flow> flow,
                     OnStep on_step) {
    stop(key);
    const int generation = ++generations_;
    Running& running = flows_[key];
    running.profile = profile;
    running.flow = std::move(flow);
    running.on_step = std::move(on_step);
    running.generation = generation;
    take(key, generation, running.flow->start());
}

bool FlowRunner::stop(const std::string& key) {
    const auto found = flows_.find(key);
    if (found == flows_.end()) return false;
    const int call = found->second.call;
    const bool out = call != 0 && runner_.has_gone_out(call);
    if (call != 0) runner_.cancel(call);
    flows_.erase(found);  // a pending timer finds the generation gone
    return out;
}

api::Flow* FlowRunner::find(const std::string& key) {
    const auto found = flows_.find(key);
    return found == flows_.end() ? nullptr : found->second.flow.get();
}

FlowRunner::Running* FlowRunner::current(const std::string& key, int generation) {
    const auto found = flows_.find(key);
    return found != flows_.end() && found->second.generation == generation ? &found->second : nullptr;
}

void FlowRunner::take(const std::string& key, int generation, const api::FlowStep& step) {
    Running* running = current(key, generation);
    if (running == nullptr) return;
    // The owner learns of every step first; it may stop or replace the flow from there.
    running->on_step(*running->flow, step);
    running = current(key, generation);
    if (running == nullptr) return;
    switch (step.kind) {
        case Kind::Send:
            running->call = runner_.send(running->profile, step.request, step.retry,
                                         [this, key, generation](api::HttpResponse response) {
                post_([this, key, generation, response = std::move(response)](workflow::State&) {
                    Running* answered = current(key, generation);
                    if (answered == nullptr) return;
                    answered->call = 0;
                    take(key, generation, answered->flow->on_response(response, platform::epoch_seconds(), runner_.jitter()));
                });
            });
            return;
        case Kind::Wait:
            platform::after(step.wait_seconds, [this, key, generation] {
                post_([this, key, generation](workflow::State&) {
                    if (Running* waited = current(key, generation)) take(key, generation, waited->flow->resume());
                });
            });
            return;
        case Kind::Done:
        case Kind::Failed:
            flows_.erase(key);
            return;
    }
}

}  // namespace tb::app
