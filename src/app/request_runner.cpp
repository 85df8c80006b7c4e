#include "app/request_runner.h"

#include <random>

#include "platform/http_client.h"
#include "platform/timer.h"

namespace tb::app {

double jitter() {
    static std::minstd_rand generator(std::random_device{}());
    return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

void RequestRunner::send(const std::string& profile, api::HttpRequest request, api::RetryPolicy policy,
                         std::function<void(api::HttpResponse)> on_done) {
    const int id = next_id_++;
    calls_[id] = Call{profile, std::move(request), policy, 0, std::move(on_done)};
    queue_.push(profile, id);
    start_what_may();
}

void RequestRunner::start_what_may() {
    for (int id : queue_.take_startable()) attempt(id);
}

void RequestRunner::attempt(int id) {
    platform::send_request(calls_.at(id).request, [this, id](api::HttpResponse response) {
        Call& call = calls_.at(id);
        queue_.finished(call.profile, response.status == 429);
        if (!response.ok()) {
            if (const auto wait = call.policy.wait_before_retry(response, call.retry, platform::epoch_seconds(), jitter())) {
                ++call.retry;
                platform::after(*wait, [this, id] {
                    queue_.push(calls_.at(id).profile, id);
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
