#include "platform/local_storage.h"

#include <emscripten.h>

#include <cstdlib>

namespace tb::platform {

EM_JS(void, tb_js_local_set, (const char* name, const char* value, int size), {
    try {
        localStorage.setItem(UTF8ToString(name), UTF8ToString(value, size));
    } catch (error) {
    }
});

EM_JS(void, tb_js_local_remove, (const char* name), {
    try {
        localStorage.removeItem(UTF8ToString(name));
    } catch (error) {
    }
});

// Returns a malloc'd copy of the value, or 0.
EM_JS(char*, tb_js_local_get, (const char* name), {
    let value = null;
    try {
        value = localStorage.getItem(UTF8ToString(name));
    } catch (error) {
    }
    if (value === null) return 0;
    const size = lengthBytesUTF8(value) + 1;
    const ptr = _malloc(size);
    stringToUTF8(value, ptr, size);
    return ptr;
});

void set_local(const std::string& name, const std::string& value) {
    tb_js_local_set(name.c_str(), value.data(), static_cast<int>(value.size()));
}

void remove_local(const std::string& name) { tb_js_local_remove(name.c_str()); }

std::optional<std::string> get_local(const std::string& name) {
    char* value = tb_js_local_get(name.c_str());
    if (value == nullptr) return std::nullopt;
    std::string text(value);
    std::free(value);
    return text;
}

}  // namespace tb::platform
