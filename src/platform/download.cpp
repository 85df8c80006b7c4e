#include "platform/download.h"

#include <emscripten.h>

namespace tb::platform {

EM_JS(void, tb_js_download, (const char* name, const char* type, const char* data, int size), {
    const bytes = HEAPU8.slice(data, data + size);
    const url = URL.createObjectURL(new Blob([bytes], {type: UTF8ToString(type)}));
    const link = document.createElement('a');
    link.href = url;
    link.download = UTF8ToString(name);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
});

void download(const std::string& file_name, const std::string& mime_type, const std::string& content) {
    tb_js_download(file_name.c_str(), mime_type.c_str(), content.data(), static_cast<int>(content.size()));
}

}  // namespace tb::platform
