#pragma once

#include <functional>

namespace tb::platform {

// The browser's animation-frame loop. Paused, it costs nothing: no callback runs until resume().
void run_main_loop(std::function<void()> frame);
void pause_main_loop();
void resume_main_loop();
bool main_loop_paused();

// Seconds on the page's monotonic clock (performance.now()).
double now_seconds();

}  // namespace tb::platform
