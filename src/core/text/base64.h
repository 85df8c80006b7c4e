#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tb::text {

// Base64 (standard or URL-safe alphabet) to bytes; padding and line breaks are skipped. Nothing when
// another character is met.
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace tb::text
