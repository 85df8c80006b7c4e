#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tb::csv {

// How many leading bytes of `text` are well-formed UTF-8 (all of it when it is valid). Pure ASCII, the
// common case, is checked eight bytes at a time.
std::size_t valid_utf8_prefix(std::string_view text);

// Appends `text` to `out` with every ill-formed sequence replaced by U+FFFD, one replacement per maximal
// ill-formed subpart (what browsers' TextDecoder does, so the app shows the same text a browser would).
// Returns the number of replacements.
std::size_t append_utf8_replacing_invalid(std::string& out, std::string_view text);

}  // namespace tb::csv
