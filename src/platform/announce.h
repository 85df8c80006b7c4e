#pragma once

#include <string>

namespace tb::platform {

// Puts a status or error message into the page's aria-live region, for screen readers.
void announce(const std::string& text);

// Hides the loading message once the first frame is on screen.
void first_frame_drawn();

}  // namespace tb::platform
