#pragma once

#include <optional>
#include <string>

namespace tb::platform {

// Keys the person chose to keep on this device ("Remember on this device"), in localStorage under
// "tuneboard.key.<profile>". Nothing else ever writes a key anywhere.
void remember_key(const std::string& profile, const std::string& key);
void forget_key(const std::string& profile);
std::optional<std::string> remembered_key(const std::string& profile);

}  // namespace tb::platform
