#pragma once

#include <functional>

namespace tb::platform {

// The browser's animation-frame loop. Paused, it costs nothing: no callback runs until resume().
void run_main_loop(std::function<void()> frame);
void pause_main_loop();
void resume_main_loop();
bool main_loop_paused();

// What paces the loop: the display (requestAnimationFrame, the default), or long work done in slices
// (a message the page posts to itself, run as soon as the browser has handled what is waiting). Paced by
// the display, each slice also waits for the compositor's commit of a frame — in headless Chromium on two
// cores about as long as the slice itself (bench/label_file.sh) — though nothing on screen changed.
enum class Pace { Display, Work };
void set_main_loop_pace(Pace pace);

// Seconds on the page's monotonic clock (performance.now()).
double now_seconds();

}  // namespace tb::platform
