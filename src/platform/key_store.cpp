#include "platform/key_store.h"

#include "platform/local_storage.h"

namespace tb::platform {

namespace {
std::string storage_name(const std::string& profile) { return "tuneboard.key." + profile; }
}  // namespace

// Storage refused (private mode, disabled): the key stays in memory only.
void remember_key(const std::string& profile, const std::string& key) { set_local(storage_name(profile), key); }

void forget_key(const std::string& profile) { remove_local(storage_name(profile)); }

std::optional<std::string> remembered_key(const std::string& profile) { return get_local(storage_name(profile)); }

}  // namespace tb::platform
