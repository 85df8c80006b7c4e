#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tb::text {

// How many leading bytes of `text` are well-formed UTF-8 (all of it when it is valid). Pure ASCII, the
// common case, is checked eight bytes at a time.
std::size_t valid_utf8_prefix(std::string_view text);

// Appends `text` to `out` with every ill-formed sequence replaced by U+FFFD, one replacement per maximal
// ill-formed subpart (what browsers' TextDecoder does, so the app shows the same text a browser would).
// Returns the number of replacements.
std::size_t append_utf8_replacing_invalid(std::string& out, std::string_view text);

// `text` itself when it is valid UTF-8, else a repaired copy made in `storage`: no copy in the common case.
std::string_view well_formed_utf8(std::string_view text, std::string& storage);

// Text from outside (a provider's body or header, a file name, a model file's strings) made valid UTF-8
// on entry, so that nothing kept from it can make a JSON save fail.
std::string valid_utf8(std::string_view text);

// The longest prefix of `text` of at most `max_bytes` that does not end inside a UTF-8 sequence: the one
// way text is shortened, since half a character makes the saved JSON invalid (and shows a stray glyph).
std::string_view cut_utf8(std::string_view text, std::size_t max_bytes);

// A short quote of text from outside, for a message: valid UTF-8, at most `max_bytes`, "…" when cut.
std::string excerpt(std::string_view text, std::size_t max_bytes);

}  // namespace tb::text
