#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>

namespace tb::platform {

// Values kept by key in the browser's IndexedDB ("tuneboard" database), which survives reloads and
// closed tabs: texts (the experiment, the answers) and byte arrays (a model's weights). Every call is
// asynchronous; failures (private mode, a full disk) reach `on_error`.
void store_text(const std::string& key, const std::string& value, std::function<void(const std::string&)> on_error,
                std::function<void()> on_stored = {});
void store_bytes(const std::string& key, std::span<const std::uint8_t> value, std::function<void()> on_stored,
                 std::function<void(const std::string&)> on_error);
// `on_done(found, value)`: a key holding the other kind reads as not found; a failed read too, with the
// reason as the value.
void load_text(const std::string& key, std::function<void(bool, const std::string&)> on_done);
void load_bytes(const std::string& key, std::function<void(bool, std::span<const std::uint8_t>)> on_done);

}  // namespace tb::platform
