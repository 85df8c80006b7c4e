#include "platform/clipboard.h"

#include <emscripten.h>

namespace tb::platform {

namespace {
std::string g_pasted;
}

// Never preventDefault() the Ctrl/Cmd+V keydown: the browser fires 'paste' only when it goes through.
// The paste event arrives after keydown and before the next animation frame, so when ImGui handles the
// shortcut in that frame, the text is already here.
EM_JS(void, tb_js_install_clipboard, (), {
    document.addEventListener('paste', (event) => {
        const text = event.clipboardData ? event.clipboardData.getData('text/plain') : "";
        tbWithUTF8(text, (ptr) => Module['_tb_clipboard_pasted'](ptr));
        event.preventDefault();
    });
});

EM_JS(void, tb_js_copy_text, (const char* text), {
    const value = UTF8ToString(text);
    if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(value).catch(() => {});
    }
});

EM_JS(int, tb_js_is_mac, (), {
    const platform = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || "";
    return /mac/i.test(platform) ? 1 : 0;
});

void install_clipboard() { tb_js_install_clipboard(); }

const std::string& pasted_text() { return g_pasted; }

void copy_text(const std::string& text) {
    // What we copy can also be pasted back in, even where the browser denies clipboard writes.
    g_pasted = text;
    tb_js_copy_text(text.c_str());
}

bool is_mac() { return tb_js_is_mac() != 0; }

}  // namespace tb::platform

extern "C" EMSCRIPTEN_KEEPALIVE void tb_clipboard_pasted(const char* text) {
    tb::platform::g_pasted = text;
}
