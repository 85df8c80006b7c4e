#pragma once

#include <functional>
#include <map>
#include <random>
#include <string>

#include "core/api/http.h"
#include "core/api/request_queue.h"
#include "core/api/retry.h"

namespace tb::app {

// The one place every provider call goes through: at most a few in flight per profile (fewer after
// 429s), each retried as the policy says, waiting between tries without blocking; then the final
// answer is handed over.
class RequestRunner {
public:
    // Returns the call's id, for cancel().
    int send(const std::string& profile, api::HttpRequest request, api::RetryPolicy policy,
             std::function<void(api::HttpResponse)> on_done);
    // The person stopped waiting: the call is dropped wherever it is (waiting, in flight, between tries)
    // and its `on_done` never runs.
    void cancel(int id);
    // Whether the call has left the browser at least once, so the provider may have acted on it (a call
    // waiting its turn behind others has not).
    bool has_gone_out(int id) const;
    // At most this many of `profile`'s requests in flight (the person's setting; 429s lower it for a while).
    void set_max(const std::string& profile, int max_in_flight) { queue_.set_max(profile, max_in_flight); }
    // Requests sent or waiting (to keep frames coming while there are any).
    int in_flight() const { return static_cast<int>(calls_.size()); }
    // A uniform draw in [0, 1) that spreads retries of many clients apart (also for the create flow's
    // own retries).
    double jitter();

private:
    struct Call {
        std::string profile;
        api::HttpRequest request;
        api::RetryPolicy policy;
        int retry = 0;
        std::function<void(api::HttpResponse)> on_done;
        int transport = 0;  // the browser request under way, or 0
        bool gone_out = false;
    };

    void start_what_may();
    void attempt(int id);

    api::RequestQueue queue_;
    std::map<int, Call> calls_;
    int next_id_ = 1;
    std::minstd_rand jitter_source_{std::random_device{}()};  // seeded apart in every tab, as the clients are
};

}  // namespace tb::app
