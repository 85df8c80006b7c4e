#pragma once

#include <string>

namespace tb::platform {

// The system clipboard, bridged by hand: Emscripten's GLFW has none. Reading is only possible in a
// 'paste' event, so the page keeps the text of the last paste, which Ctrl/Cmd+V then inserts.
void install_clipboard();
const std::string& pasted_text();
void copy_text(const std::string& text);

// Whether the page runs on a Mac, where Cmd rather than Ctrl drives shortcuts.
bool is_mac();

}  // namespace tb::platform
