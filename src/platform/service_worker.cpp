#include "platform/service_worker.h"

#include <emscripten.h>

namespace tb::platform {

EM_JS(int, tb_js_service_worker_controls_page, (), {
    return navigator.serviceWorker && navigator.serviceWorker.controller ? 1 : 0;
});

// Keys are 16 hex digits each, joined by spaces.
EM_JS(void, tb_js_release_answers, (const char* keys), {
    const worker = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (worker) worker.postMessage({ release: UTF8ToString(keys).split(" ") });
});

bool service_worker_controls_page() { return tb_js_service_worker_controls_page() != 0; }

void release_answers(const std::vector<std::string>& keys) {
    if (keys.empty()) return;
    std::string joined;
    for (const std::string& key : keys) joined += (joined.empty() ? "" : " ") + key;
    tb_js_release_answers(joined.c_str());
}

}  // namespace tb::platform
