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
    };
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
}
