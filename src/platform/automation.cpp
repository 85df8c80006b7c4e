#include "platform/automation.h"

#include <emscripten.h>

namespace tb::platform {

namespace {
AutomationHooks g_hooks;
std::string g_reply;  // kept alive until JS has copied it
}

EM_JS(void, tb_js_install_automation, (), {
    const text = (fn) => UTF8ToString(Module[fn]());
    window.tuneboard = {
        state: () => JSON.parse(text('_tb_automation_state')),
        items: () => JSON.parse(text('_tb_automation_items')),
        frames: () => Module['_tb_automation_frames'](),
        countTokens: (text, encoding) => new Promise((resolve, reject) => {
            const id = Module.tbNextCount = (Module.tbNextCount || 0) + 1;
            (Module.tbCounts = Module.tbCounts || new Map()).set(id, {resolve, reject});
            tbWithUTF8(String(text), (t) => tbWithUTF8(String(encoding), (e) => Module['_tb_automation_count_tokens'](id, t, e)));
        }),
    };
});

EM_JS(void, tb_js_counted, (int id, double count, const char* error), {
    const pending = Module.tbCounts.get(id);
    Module.tbCounts.delete(id);
    if (count >= 0) pending.resolve(count); else pending.reject(new Error(UTF8ToString(error)));
});

void install_automation(AutomationHooks hooks) {
    g_hooks = std::move(hooks);
    tb_js_install_automation();
}

}  // namespace tb::platform

extern "C" {
EMSCRIPTEN_KEEPALIVE const char* tb_automation_state() {
    tb::platform::g_reply = tb::platform::g_hooks.state();
    return tb::platform::g_reply.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* tb_automation_items() {
    tb::platform::g_reply = tb::platform::g_hooks.items();
    return tb::platform::g_reply.c_str();
}
EMSCRIPTEN_KEEPALIVE double tb_automation_frames() { return tb::platform::g_hooks.frames(); }
EMSCRIPTEN_KEEPALIVE void tb_automation_count_tokens(int id, const char* text, const char* encoding) {
    tb::platform::g_hooks.count_tokens(text, encoding, [id](double count, const std::string& error) {
        tb::platform::tb_js_counted(id, count, error.c_str());
    });
}
}
