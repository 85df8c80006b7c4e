#include <catch2/catch.hpp>

#include "core/api/limiter.h"

using tb::api::ConcurrencyLimiter;

TEST_CASE("the limiter lets the maximum through, then waits") {
    ConcurrencyLimiter limiter(4);
    for (int i = 0; i < 4; ++i) {
        REQUIRE(limiter.can_start());
        limiter.started();
    }
    CHECK_FALSE(limiter.can_start());
    limiter.finished(false);
    CHECK(limiter.can_start());
    CHECK(limiter.in_flight() == 3);
}

TEST_CASE("429s halve the limit down to one, and successes win it back slowly") {
    ConcurrencyLimiter limiter(8);
    limiter.started();
    limiter.finished(true);
    CHECK(limiter.limit() == 4);
    for (int i = 0; i < 5; ++i) {
        limiter.started();
        limiter.finished(true);
    }
    CHECK(limiter.limit() == 1);
    limiter.started();
    CHECK_FALSE(limiter.can_start());
    limiter.finished(false);
    CHECK(limiter.limit() == 2);  // 1 + 1/1
    int successes = 0;
    while (limiter.limit() < 8 && successes < 1000) {
        limiter.started();
        limiter.finished(false);
        ++successes;
    }
    CHECK(limiter.limit() == 8);
    CHECK(successes > 10);  // additive, not a jump back
    for (int i = 0; i < 100; ++i) {
        limiter.started();
        limiter.finished(false);
    }
    CHECK(limiter.limit() == 8);  // never past the maximum
}

TEST_CASE("a lower maximum applies at once, and nonsense is taken as one") {
    ConcurrencyLimiter limiter(6);
    limiter.set_max(2);
    CHECK(limiter.limit() == 2);
    CHECK(ConcurrencyLimiter(0).limit() == 1);
}

TEST_CASE("a higher maximum applies at once unless 429s have lowered the limit") {
    ConcurrencyLimiter limiter(4);
    limiter.set_max(8);
    CHECK(limiter.limit() == 8);
    limiter.started();
    limiter.finished(/*rate_limited=*/true);  // 8 → 4
    CHECK(limiter.limit() == 4);
    limiter.set_max(16);
    CHECK(limiter.limit() == 4);  // climbs back one success at a time
}
