#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tb::text {

std::string with_commas(std::uint64_t n);       // 1234567 → "1,234,567"
std::string format_bytes(std::uint64_t bytes);  // "812 B", "3.2 MB", "6.41 GB" (decimal units, as file managers)
std::string format_duration(double seconds);    // "0.4 s", "12 s", "3 min 05 s", "1 h 02 min"
// A name safe as a downloaded file's on every system: anything but letters, digits, '.', '_' and '-'
// becomes '-' ("ft:gpt-4o-mini:org::abc" → "ft-gpt-4o-mini-org--abc").
std::string safe_file_name(std::string_view name);

}  // namespace tb::text
