#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tb::prompt {

// Where a text stops being JSON: the byte offset (0-based) of the offending byte, and the parser's
// reason without its exception prefix ("syntax error while parsing object key - …").
struct JsonSyntaxError {
    std::size_t offset = 0;
    std::string reason;
};

// Nothing when `text` is one well-formed JSON value. Runs the parser without exceptions (they are off
// in the web build); a DOM parse only says "discarded", this says where and why.
std::optional<JsonSyntaxError> json_syntax_error(std::string_view text);

}  // namespace tb::prompt
