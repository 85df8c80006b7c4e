#include "platform/key_store.h"

#include <emscripten.h>

#include <cstdlib>

namespace tb::platform {

namespace {
const std::string kKeyPrefix = "tuneboard.key.";
const std::string kUrlPrefix = "tuneboard.key-url.";
}  // namespace

EM_JS(void, tb_js_local_set, (const char* name, const char* value), {
    try {
        localStorage.setItem(UTF8ToString(name), UTF8ToString(value));
    } catch (error) {
        // Storage refused (private mode, disabled): the key stays in memory only.
    }
});

EM_JS(void, tb_js_local_remove, (const char* name), {
    try {
        localStorage.removeItem(UTF8ToString(name));
    } catch (error) {
    }
});

// Returns a malloc'd copy of the stored value, or 0.
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

namespace {
std::optional<std::string> local_get(const std::string& name) {
    char* value = tb_js_local_get(name.c_str());
    if (value == nullptr) return std::nullopt;
    std::string text(value);
    std::free(value);
    return text;
}
}  // namespace

void remember_key(const std::string& profile, const std::string& key, const std::string& base_url) {
    tb_js_local_set((kUrlPrefix + profile).c_str(), base_url.c_str());
    tb_js_local_set((kKeyPrefix + profile).c_str(), key.c_str());
}

void forget_key(const std::string& profile) {
    tb_js_local_remove((kKeyPrefix + profile).c_str());
    tb_js_local_remove((kUrlPrefix + profile).c_str());
}

std::optional<RememberedKey> remembered_key(const std::string& profile) {
    auto key = local_get(kKeyPrefix + profile);
    if (!key) return std::nullopt;
    return RememberedKey{std::move(*key), local_get(kUrlPrefix + profile).value_or(std::string())};
}

}  // namespace tb::platform
