#pragma once

#include <cstdint>

namespace tb::tokens {

// The character classes the o200k_base and cl100k_base pre-tokenising patterns use, as bits. Their
// values are shared with scripts/make_unicode_classes.py, which derives them from Debian's
// UnicodeData.txt at build time.
enum ClassBit : std::uint8_t {
    kLetter = 1,  // \p{L}
    kUpper = 2,   // o200k's [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]
    kLower = 4,   // o200k's [\p{Ll}\p{Lm}\p{Lo}\p{M}]
    kNumber = 8,  // \p{N}
    kSpace = 16,  // JavaScript's \s (js-tiktoken's patterns run as JavaScript regular expressions)
    kMark = 32,   // \p{M}
};

namespace detail {
inline constexpr std::uint32_t kClassBlockSize = 128;
// In the generated unicode_classes_table.cpp (build dir).
extern const std::uint8_t kClassBlockIndex[];
extern const std::uint8_t kClassBlocks[];
extern const char kUnicodeVersion[];
}  // namespace detail

// The ClassBit set of a code point; 0 for one past U+10FFFF. Unassigned code points have none.
inline std::uint8_t char_classes(char32_t code_point) {
    if (code_point > 0x10FFFF) return 0;
    const std::uint32_t block = detail::kClassBlockIndex[code_point / detail::kClassBlockSize];
    return detail::kClassBlocks[block * detail::kClassBlockSize + code_point % detail::kClassBlockSize];
}

// The Unicode version the table was built from, e.g. "15.0.0".
inline const char* unicode_classes_version() { return detail::kUnicodeVersion; }

}  // namespace tb::tokens
