#include "platform/main_loop.h"

#include <emscripten.h>

namespace tb::platform {

namespace {
std::function<void()> g_frame;
bool g_paused = false;
Pace g_pace = Pace::Display;

void call_frame() { g_frame(); }
}  // namespace

void run_main_loop(std::function<void()> frame) {
    g_frame = std::move(frame);
    // fps 0 = requestAnimationFrame; do not simulate an infinite loop, main() returns and the page lives on.
    emscripten_set_main_loop(call_frame, 0, false);
}

void pause_main_loop() {
    if (g_paused) return;
    emscripten_pause_main_loop();
    g_paused = true;
}

void resume_main_loop() {
    if (!g_paused) return;
    emscripten_resume_main_loop();
    g_paused = false;
}

bool main_loop_paused() { return g_paused; }

void set_main_loop_pace(Pace pace) {
    if (pace == g_pace) return;
    g_pace = pace;
    if (pace == Pace::Display) {
        emscripten_set_main_loop_timing(EM_TIMING_RAF, 1);
    } else {
        emscripten_set_main_loop_timing(EM_TIMING_SETIMMEDIATE, 0);
    }
}

double now_seconds() { return emscripten_get_now() / 1000.0; }

}  // namespace tb::platform
