#include "app/request_runner.h"

#include <random>

#include "platform/http_client.h"
#include "platform/timer.h"

namespace tb::app {

namespace {
double jitter() {
    static std::minstd_rand generator(std::random_device{}());
    return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}
}  // namespace

void RequestRunner::send(api::HttpRequest request, api::RetryPolicy policy, std::function<void(api::HttpResponse)> on_done) {
    ++in_flight_;
    attempt(std::move(request), policy, 0, std::move(on_done));
}

void RequestRunner::attempt(api::HttpRequest request, api::RetryPolicy policy, int retry,
                            std::function<void(api::HttpResponse)> on_done) {
    const api::HttpRequest sent = request;
    platform::send_request(sent, [this, request = std::move(request), policy, retry,
                                  on_done = std::move(on_done)](api::HttpResponse response) mutable {
        if (!response.ok()) {
            if (const auto wait = policy.wait_before_retry(response, retry, platform::epoch_seconds(), jitter())) {
                platform::after(*wait, [this, request = std::move(request), policy, retry, on_done = std::move(on_done)]() mutable {
                    attempt(std::move(request), policy, retry + 1, std::move(on_done));
                });
                return;
            }
        }
        --in_flight_;
        on_done(std::move(response));
    });
}

}  // namespace tb::app
