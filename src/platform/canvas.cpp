#include "platform/canvas.h"

#include <emscripten.h>

namespace tb::platform {

namespace {
std::function<void()> g_on_resize;
}

// Browser.setCanvasSize (not glfwSetWindowSize, which asks for fullscreen when the size equals the
// screen's) resizes the drawing buffer and tells GLFW, which then reports the new size to ImGui.
EM_JS(void, tb_js_fit_canvas, (int* out, float* out_f), {
    const canvas = Module['canvas'];
    const rect = canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(rect.width * dpr));
    const h = Math.max(1, Math.round(rect.height * dpr));
    if (canvas.width !== w || canvas.height !== h) Browser.setCanvasSize(w, h);
    HEAP32[(out >> 2) + 0] = Math.round(rect.width);
    HEAP32[(out >> 2) + 1] = Math.round(rect.height);
    HEAP32[(out >> 2) + 2] = w;
    HEAP32[(out >> 2) + 3] = h;
    HEAPF32[(out_f >> 2) + 0] = dpr;
    HEAPF32[(out_f >> 2) + 1] = rect.left;
    HEAPF32[(out_f >> 2) + 2] = rect.top;
});

EM_JS(void, tb_js_watch_resize, (), {
    const notify = () => Module['_tb_canvas_resized']();
    window.addEventListener('resize', notify);
    // devicePixelRatio changes (zoom, moving to another screen) do not always fire 'resize'.
    const watchRatio = () => {
        matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)')
            .addEventListener('change', () => { notify(); watchRatio(); }, {once: true});
    };
    watchRatio();
});

CanvasSize fit_canvas_to_page() {
    int ints[4] = {};
    float floats[3] = {};
    tb_js_fit_canvas(ints, floats);
    return CanvasSize{ints[0], ints[1], ints[2], ints[3], floats[0], floats[1], floats[2]};
}

void on_canvas_resize(std::function<void()> callback) {
    g_on_resize = std::move(callback);
    tb_js_watch_resize();
}

}  // namespace tb::platform

extern "C" EMSCRIPTEN_KEEPALIVE void tb_canvas_resized() {
    if (tb::platform::g_on_resize) tb::platform::g_on_resize();
}
