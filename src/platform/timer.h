#pragma once

#include <functional>

namespace tb::platform {

// Runs `fn` once, `seconds` from now, on the main thread (setTimeout).
void after(double seconds, std::function<void()> fn);

// Wall-clock seconds since the epoch (Date.now()), for reading HTTP dates.
double epoch_seconds();

}  // namespace tb::platform
