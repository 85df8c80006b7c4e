#include <catch2/catch.hpp>

#include "core/frame/redraw_policy.h"

using tb::frame::RedrawPolicy;

TEST_CASE("frames are drawn for a while after input, then stop") {
    RedrawPolicy policy;
    CHECK(policy.idle(0.0));
    policy.note_input(10.0);
    CHECK(policy.should_draw(10.0));
    CHECK(policy.should_draw(11.99));
    CHECK_FALSE(policy.should_draw(12.0));
    CHECK(policy.idle(12.0));
    CHECK_FALSE(policy.should_draw(100.0));
}

TEST_CASE("a completion draws like input, and new activity restarts the countdown") {
    RedrawPolicy policy;
    policy.note_activity(0.0);
    CHECK(policy.should_draw(1.0));
    CHECK_FALSE(policy.should_draw(5.0));
    policy.note_activity(5.0);
    CHECK(policy.should_draw(6.5));
    CHECK_FALSE(policy.should_draw(7.5));
}

TEST_CASE("pending work keeps a few frames a second coming, and never lets the loop stop") {
    RedrawPolicy policy({2.0, 0.25, 0.1});
    policy.set_pending(1, 60.0);
    policy.note_drawn(60.0);
    CHECK_FALSE(policy.should_draw(60.05));
    CHECK(policy.should_draw(60.1));
    CHECK_FALSE(policy.idle(60.05));
}

TEST_CASE("work that ends between the frames drawn for it is drawn once it has ended, then frames stop") {
    RedrawPolicy policy({2.0, 0.25, 0.1});
    policy.set_pending(2, 60.0);
    policy.note_drawn(60.0);
    policy.set_pending(2, 60.05);
    CHECK_FALSE(policy.should_draw(60.05));  // throttled while it runs
    policy.set_pending(1, 60.06);            // one ended; the other runs on: the next throttled frame shows it
    CHECK_FALSE(policy.should_draw(60.06));
    CHECK(policy.should_draw(60.1));
    policy.note_drawn(60.1);
    policy.set_pending(0, 60.2);             // the last ended between two frames: drawn at once
    CHECK(policy.should_draw(60.2));
    CHECK_FALSE(policy.idle(62.1));
    CHECK(policy.idle(62.2));                // and then nothing, as after any completion
    policy.set_pending(0, 70.0);             // still none: no frame
    CHECK(policy.idle(70.0));
}

TEST_CASE("while the person interacts, pending work does not throttle frames") {
    RedrawPolicy policy({2.0, 0.25, 0.1});
    policy.set_pending(1, 10.0);
    policy.note_drawn(10.0);
    policy.note_input(10.0);
    CHECK(policy.should_draw(10.01));
    CHECK(policy.interacting(10.24));
    CHECK_FALSE(policy.interacting(10.25));  // what lets long work leave the display's pace
    policy.note_drawn(10.28);
    CHECK_FALSE(policy.should_draw(10.3));  // input is past: back to a few frames a second
    CHECK(policy.should_draw(10.4));
}
