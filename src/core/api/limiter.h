#pragma once

namespace tb::api {

// How many requests may be in flight to one provider profile. A 429 halves the limit (at least one
// stays); each success after that adds a little back, up to the configured maximum: additive increase,
// multiplicative decrease, as TCP does, so a rate-limited account settles just under its limit.
class ConcurrencyLimiter {
public:
    explicit ConcurrencyLimiter(int max_in_flight = 4) : max_(max_in_flight < 1 ? 1 : max_in_flight), limit_(max_) {}

    bool can_start() const { return in_flight_ < static_cast<int>(limit_); }
    void started() { ++in_flight_; }
    // A request finished; `rate_limited` when its answer was a 429.
    void finished(bool rate_limited) {
        if (in_flight_ > 0) --in_flight_;
        if (rate_limited) {
            limit_ = limit_ / 2 < 1 ? 1 : limit_ / 2;
        } else {
            limit_ += 1.0 / limit_;  // one more after about `limit` successes
            if (limit_ > max_) limit_ = max_;
        }
    }
    // A limit not lowered by 429s follows the new maximum at once; a lowered one climbs back as usual.
    void set_max(int max_in_flight) {
        const bool at_max = limit_ >= max_;
        max_ = max_in_flight < 1 ? 1 : max_in_flight;
        if (at_max || limit_ > max_) limit_ = max_;
    }

    int in_flight() const { return in_flight_; }
    int limit() const { return static_cast<int>(limit_); }

private:
    double max_;
    double limit_;
    int in_flight_ = 0;
};

}  // namespace tb::api
