#include "platform/page_exit.h"

#include <emscripten.h>

#include "platform/local_storage.h"

namespace tb::platform {

namespace {
std::function<void()> g_save;
std::string storage_name(const std::string& key) { return "tuneboard.exit." + key; }
}  // namespace

EM_JS(void, tb_js_listen_page_exit, (), {
    addEventListener('pagehide', () => Module['_tb_page_exit']());
});

void on_page_exit(std::function<void()> save) {
    g_save = std::move(save);
    tb_js_listen_page_exit();
}

void keep_at_exit(const std::string& key, const std::string& value) { set_local(storage_name(key), value); }

std::optional<std::string> kept_at_exit(const std::string& key) { return get_local(storage_name(key)); }

}  // namespace tb::platform

extern "C" EMSCRIPTEN_KEEPALIVE void tb_page_exit() {
    if (tb::platform::g_save) tb::platform::g_save();
}
