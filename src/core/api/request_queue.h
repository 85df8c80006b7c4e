#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "core/api/limiter.h"

namespace tb::api {

// Requests waiting for a place, per provider profile, first come first served; each profile's limiter
// says how many may be in flight (fewer after 429s).
class RequestQueue {
public:
    explicit RequestQueue(int max_in_flight_per_profile = 4) : max_(max_in_flight_per_profile) {}

    void push(const std::string& profile, int request);
    // Takes a request out before it started (the person cancelled it); false if it is not waiting.
    bool remove(const std::string& profile, int request);
    // The requests that may start now, in order; each is counted as in flight.
    std::vector<int> take_startable();
    // A request of `profile` finished (a retry counts as a new start); `rate_limited` for a 429.
    void finished(const std::string& profile, bool rate_limited);
    void set_max(const std::string& profile, int max_in_flight);

    int in_flight(const std::string& profile) const;
    int limit(const std::string& profile) const;
    std::size_t waiting() const;

private:
    ConcurrencyLimiter& limiter(const std::string& profile);

    int max_;
    std::map<std::string, ConcurrencyLimiter> limiters_;
    std::map<std::string, std::deque<int>> waiting_;
};

}  // namespace tb::api
