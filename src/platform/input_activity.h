#pragma once

#include <functional>

namespace tb::platform {

// Calls `callback` on every input the page receives (pointer, wheel, keys, touch, focus, paste, drops),
// before the app's own handlers see it, so a paused frame loop wakes for the frame that handles it.
void on_input_activity(std::function<void()> callback);

}  // namespace tb::platform
