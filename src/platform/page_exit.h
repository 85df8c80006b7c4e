#pragma once

#include <functional>
#include <optional>
#include <string>

namespace tb::platform {

// The page going away (reload, navigation, a closed tab): `save` runs once it is hidden for good
// (pagehide), while it may still write synchronously. IndexedDB cannot be relied on then: a write begun
// in the page's last moments may never commit.
void on_page_exit(std::function<void()> save);

// A text kept synchronously in localStorage (under "tuneboard.exit.<key>"), for what must be written as
// the page goes away; a refusal (full, private mode) is silent, the IndexedDB copy stands.
void keep_at_exit(const std::string& key, const std::string& value);
std::optional<std::string> kept_at_exit(const std::string& key);

}  // namespace tb::platform
