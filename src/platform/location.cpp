#include "platform/location.h"

#include <emscripten.h>

#include <cstdlib>

namespace tb::platform {

EM_JS(char*, tb_js_location_fragment, (), {
    const value = location.hash || "";
    const size = lengthBytesUTF8(value) + 1;
    const ptr = _malloc(size);
    stringToUTF8(value, ptr, size);
    return ptr;
});

std::string location_fragment() {
    char* value = tb_js_location_fragment();
    std::string fragment(value);
    std::free(value);
    return fragment;
}

}  // namespace tb::platform
