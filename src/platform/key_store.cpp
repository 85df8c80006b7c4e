#include "platform/key_store.h"

#include "platform/local_storage.h"

namespace tb::platform {

namespace {
const std::string kKeyPrefix = "tuneboard.key.";
const std::string kUrlPrefix = "tuneboard.key-url.";
}  // namespace

// Storage refused (private mode, disabled): the key stays in memory only.
void remember_key(const std::string& profile, const std::string& key, const std::string& base_url) {
    set_local(kUrlPrefix + profile, base_url);
    set_local(kKeyPrefix + profile, key);
}

void forget_key(const std::string& profile) {
    remove_local(kKeyPrefix + profile);
    remove_local(kUrlPrefix + profile);
}

std::optional<RememberedKey> remembered_key(const std::string& profile) {
    auto key = get_local(kKeyPrefix + profile);
    if (!key) return std::nullopt;
    return RememberedKey{std::move(*key), get_local(kUrlPrefix + profile).value_or(std::string())};
}

}  // namespace tb::platform
