#include "app/request_runner.h"

#include "platform/http_client.h"
#include "platform/timer.h"

namespace tb::app {

double RequestRunner::jitter() { return std::uniform_real_distribution<double>(0.0, 1.0)(jitter_source_); }

int RequestRunner::send(const std::string& profile, api::HttpRequest request, api::RetryPolicy policy,
                        std::function<void(api::HttpResponse)> on_done) {
    const int id = next_id_++;
    calls_[id] = Call{profile, std::move(request), policy, 0, std::move(on_done), 0, false};
    queue_.push(profile, id);
    start_what_may();
    return id;
}

void RequestRunner::cancel(int id) {
    const auto found = calls_.find(id);
    if (found == calls_.end()) return;
    Call call = std::move(found->second);
    calls_.erase(found);
    if (call.transport != 0) {
        platform::cancel_request(call.transport);
        queue_.finished(call.profile, false);
        start_what_may();
    } else {
        queue_.remove(call.profile, id);  // or it waits for a retry, whose timer then finds it gone
    }
}

bool RequestRunner::has_gone_out(int id) const {
    const auto found = calls_.find(id);
    return found != calls_.end() && found->second.gone_out;
}

void RequestRunner::start_what_may() {
    for (int id : queue_.take_startable()) attempt(id);
}

void RequestRunner::attempt(int id) {
    Call& started = calls_.at(id);
    started.gone_out = true;
    started.transport = platform::send_request(started.request, [this, id](api::HttpResponse response) {
        Call& call = calls_.at(id);
        call.transport = 0;
        queue_.finished(call.profile, response.status == 429);
        if (!response.ok()) {
            if (const auto wait = call.policy.wait_before_retry(response, call.retry, platform::epoch_seconds(), jitter())) {
                ++call.retry;
                platform::after(*wait, [this, id] {
                    const auto still = calls_.find(id);
                    if (still == calls_.end()) return;  // cancelled while waiting
                    queue_.push(still->second.profile, id);
                    start_what_may();
                });
                start_what_may();
                return;
            }
        }
        auto on_done = std::move(call.on_done);
        calls_.erase(id);
        start_what_may();
        on_done(std::move(response));
    });
}

}  // namespace tb::app
