#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace tb::text {

// Deeper JSON than this is refused when read: Tuneboard's own documents nest under 10 levels, and a copy
// or a dump of a value recurses once per level, so a file nested 100,000 deep would overflow the stack.
inline constexpr std::size_t kMaxJsonDepth = 64;

struct ParsedJson {
    nlohmann::json value;  // discarded when `problem` says why it could not be read
    std::string problem;   // "it is not valid JSON (line 3, column 7)", "it is nested deeper than …"
    bool ok() const { return problem.empty(); }
};

// Reads JSON from outside (an imported file, what the browser kept, a provider's answer) without
// recursing with its depth and without throwing; nesting deeper than `max_depth` stops the reading.
ParsedJson parse_json(std::string_view text, std::size_t max_depth = kMaxJsonDepth);

// What every save, export and request body is written with: invalid UTF-8 that got past the checks on
// entry becomes U+FFFD here instead of throwing (an abort in the page).
std::string dump_json(const nlohmann::json& json, int indent = -1);

}  // namespace tb::text
