#pragma once

namespace tb::frame {

// Decides whether the app draws a frame: an idle tab should cost nothing, so frames are drawn only for a
// while after input or a completed piece of async work, and for as long as work is pending (a running
// job, a file being read) whose progress the UI shows.
class RedrawPolicy {
public:
    explicit RedrawPolicy(double idle_after_seconds = 2.0) : idle_after_(idle_after_seconds) {}

    // Input arrived or async work completed at `now` (seconds on any monotonic clock).
    void note_activity(double now) { last_activity_ = now; }

    // How many operations are still under way; while any are, frames keep coming.
    void set_pending(int count) { pending_ = count; }

    bool should_draw(double now) const { return pending_ > 0 || now - last_activity_ < idle_after_; }

    double idle_after() const { return idle_after_; }

private:
    double idle_after_;
    double last_activity_ = 0.0;
    int pending_ = 0;
};

}  // namespace tb::frame
