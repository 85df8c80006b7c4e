#pragma once

#include <optional>
#include <string>

namespace tb::platform {

// The browser's localStorage: small texts written and read synchronously, kept across reloads. A
// refusal (storage disabled, private mode, full) is silent: callers keep another copy or none.
void set_local(const std::string& name, const std::string& value);
void remove_local(const std::string& name);
std::optional<std::string> get_local(const std::string& name);

}  // namespace tb::platform
