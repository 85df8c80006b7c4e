#include <catch2/catch.hpp>

#include "core/frame/redraw_policy.h"

using tb::frame::RedrawPolicy;

TEST_CASE("frames are drawn for a while after activity, then stop") {
    RedrawPolicy policy(2.0);
    policy.note_activity(10.0);
    CHECK(policy.should_draw(10.0));
    CHECK(policy.should_draw(11.99));
    CHECK_FALSE(policy.should_draw(12.0));
    CHECK_FALSE(policy.should_draw(100.0));
}

TEST_CASE("new activity restarts the idle countdown") {
    RedrawPolicy policy(2.0);
    policy.note_activity(0.0);
    CHECK_FALSE(policy.should_draw(5.0));
    policy.note_activity(5.0);
    CHECK(policy.should_draw(6.5));
    CHECK_FALSE(policy.should_draw(7.5));
}

TEST_CASE("pending work keeps frames coming until it ends") {
    RedrawPolicy policy(2.0);
    policy.note_activity(0.0);
    policy.set_pending(1);
    CHECK(policy.should_draw(60.0));
    policy.set_pending(0);
    CHECK_FALSE(policy.should_draw(60.0));
}
