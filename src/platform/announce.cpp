#include "platform/announce.h"

#include <emscripten.h>

namespace tb::platform {

EM_JS(void, tb_js_announce, (const char* text), {
    const live = document.getElementById('live');
    if (live) live.textContent = UTF8ToString(text);
});

EM_JS(void, tb_js_first_frame_drawn, (), {
    if (Module['onFirstFrame']) Module['onFirstFrame']();
});

void announce(const std::string& text) { tb_js_announce(text.c_str()); }

void first_frame_drawn() { tb_js_first_frame_drawn(); }

}  // namespace tb::platform
