#pragma once

namespace tb::frame {

// Decides whether the app draws a frame. An idle tab should cost nothing, so frames are drawn only for a
// while after input or a completed piece of async work. Pending work (a file being read, a job being
// watched) keeps frames coming, but a few a second suffice for its progress, and each frame skipped
// leaves the main thread to the work itself; while the person is moving or typing, every frame is drawn.
class RedrawPolicy {
public:
    struct Timing {
        double idle_after = 2.0;     // seconds of full frame rate after input or a completion
        double interactive = 0.25;   // seconds after input during which pending work is not throttled
        double busy_interval = 0.25; // seconds between frames while only pending work needs them
    };

    RedrawPolicy() = default;
    explicit RedrawPolicy(Timing timing) : timing_(timing) {}

    // Times are seconds on any monotonic clock.
    void note_input(double now) { last_input_ = last_activity_ = now; }
    void note_activity(double now) { last_activity_ = now; }
    void note_drawn(double now) { last_drawn_ = now; }
    // How many operations are still under way, at `now`. Fewer than before: one ended, and what it
    // changed is drawn, as for a completion (it may have ended between the few frames drawn for it).
    void set_pending(int count, double now) {
        if (count < pending_) last_activity_ = now;
        pending_ = count;
    }

    // Input came within the last `interactive` seconds: every frame is drawn.
    bool interacting(double now) const { return now - last_input_ < timing_.interactive; }

    bool should_draw(double now) const {
        if (pending_ > 0 && !interacting(now)) return now - last_drawn_ >= timing_.busy_interval;
        return interacting(now) || pending_ > 0 || now - last_activity_ < timing_.idle_after;
    }

    // Nothing to draw until the next input or completion: the frame loop may stop.
    bool idle(double now) const { return pending_ == 0 && !should_draw(now); }

private:
    Timing timing_;
    double last_input_ = -1e9;
    double last_activity_ = -1e9;
    double last_drawn_ = -1e9;
    int pending_ = 0;
};

}  // namespace tb::frame
