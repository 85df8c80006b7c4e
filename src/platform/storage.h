#pragma once

#include <functional>
#include <string>

namespace tb::platform {

// Text kept by key in the browser's IndexedDB ("tuneboard" database), which survives reloads and
// closed tabs. Both calls are asynchronous; failures (private mode, a full disk) reach `on_error`.
void store_text(const std::string& key, const std::string& value, std::function<void(const std::string&)> on_error);
// `on_done(found, value)`.
void load_text(const std::string& key, std::function<void(bool, const std::string&)> on_done);

}  // namespace tb::platform
