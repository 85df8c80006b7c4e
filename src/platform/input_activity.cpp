#include "platform/input_activity.h"

#include <emscripten.h>

namespace tb::platform {

namespace {
std::function<void()> g_on_activity;
}

EM_JS(void, tb_js_watch_input, (), {
    const wake = () => Module['_tb_input_activity']();
    const events = ['pointermove', 'pointerdown', 'pointerup', 'wheel', 'keydown', 'keyup', 'touchstart',
                    'touchmove', 'touchend', 'focus', 'blur', 'paste', 'dragenter', 'dragover', 'drop',
                    'visibilitychange'];
    for (const type of events) window.addEventListener(type, wake, {capture: true, passive: true});
});

void on_input_activity(std::function<void()> callback) {
    g_on_activity = std::move(callback);
    tb_js_watch_input();
}

}  // namespace tb::platform

extern "C" EMSCRIPTEN_KEEPALIVE void tb_input_activity() {
    if (tb::platform::g_on_activity) tb::platform::g_on_activity();
}
