#include "platform/key_store.h"

#include <emscripten.h>

#include <cstdlib>

namespace tb::platform {

EM_JS(void, tb_js_key_set, (const char* name, const char* value), {
    try {
        localStorage.setItem('tuneboard.key.' + UTF8ToString(name), UTF8ToString(value));
    } catch (error) {
        // Storage refused (private mode, disabled): the key stays in memory only.
    }
});

EM_JS(void, tb_js_key_remove, (const char* name), {
    try {
        localStorage.removeItem('tuneboard.key.' + UTF8ToString(name));
    } catch (error) {
    }
});

// Returns a malloc'd copy of the stored key, or 0.
EM_JS(char*, tb_js_key_get, (const char* name), {
    let value = null;
    try {
        value = localStorage.getItem('tuneboard.key.' + UTF8ToString(name));
    } catch (error) {
    }
    if (value === null) return 0;
    const size = lengthBytesUTF8(value) + 1;
    const ptr = _malloc(size);
    stringToUTF8(value, ptr, size);
    return ptr;
});

void remember_key(const std::string& profile, const std::string& key) { tb_js_key_set(profile.c_str(), key.c_str()); }

void forget_key(const std::string& profile) { tb_js_key_remove(profile.c_str()); }

std::optional<std::string> remembered_key(const std::string& profile) {
    char* value = tb_js_key_get(profile.c_str());
    if (value == nullptr) return std::nullopt;
    std::string key(value);
    std::free(value);
    return key;
}

}  // namespace tb::platform
