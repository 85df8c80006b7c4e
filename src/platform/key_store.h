#pragma once

#include <optional>
#include <string>

namespace tb::platform {

// Keys the person chose to keep on this device ("Remember on this device"), in localStorage under
// "tuneboard.key.<profile>", with the base URL each may go to under "tuneboard.key-url.<profile>".
// Nothing else ever writes a key anywhere.
struct RememberedKey {
    std::string key;
    std::string base_url;  // empty: kept by a version that did not record it
};
void remember_key(const std::string& profile, const std::string& key, const std::string& base_url);
void forget_key(const std::string& profile);
std::optional<RememberedKey> remembered_key(const std::string& profile);

}  // namespace tb::platform
