#pragma once

#include <cstdint>
#include <string_view>

#include "core/tokens/unicode_classes.h"

namespace tb::tokens {

// One character of UTF-8 text, with its Unicode classes.
struct Char {
    char32_t code_point;
    std::uint32_t size;  // bytes
    std::uint8_t classes;
};

// The character at text[i] (i < text.size()). An ill-formed sequence gives a one-byte U+FFFD of no
// class, which keeps a scanner moving and never reads past the end.
inline Char char_at(std::string_view text, std::size_t i) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const auto is_trail = [](unsigned char byte) { return (byte & 0xC0) == 0x80; };
    const unsigned char lead = bytes[i];
    if (lead < 0x80) return {lead, 1, char_classes(lead)};
    const std::size_t left = text.size() - i;
    char32_t code_point = 0;
    std::uint32_t size = 0;
    if (lead >= 0xC2 && lead <= 0xDF && left >= 2 && is_trail(bytes[i + 1])) {
        code_point = (char32_t{lead} & 0x1F) << 6 | (bytes[i + 1] & 0x3F);
        size = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF && left >= 3 && is_trail(bytes[i + 1]) && is_trail(bytes[i + 2])) {
        code_point = (char32_t{lead} & 0x0F) << 12 | char32_t{bytes[i + 1] & 0x3Fu} << 6 | (bytes[i + 2] & 0x3F);
        size = 3;
        // Overlong forms and surrogates are ill-formed.
        if (code_point < 0x800 || (code_point >= 0xD800 && code_point <= 0xDFFF)) size = 0;
    } else if (lead >= 0xF0 && lead <= 0xF4 && left >= 4 && is_trail(bytes[i + 1]) && is_trail(bytes[i + 2]) &&
               is_trail(bytes[i + 3])) {
        code_point = (char32_t{lead} & 0x07) << 18 | char32_t{bytes[i + 1] & 0x3Fu} << 12 |
                     char32_t{bytes[i + 2] & 0x3Fu} << 6 | (bytes[i + 3] & 0x3F);
        size = 4;
        if (code_point < 0x10000 || code_point > 0x10FFFF) size = 0;
    }
    if (size == 0) return {0xFFFD, 1, 0};
    return {code_point, size, char_classes(code_point)};
}

}  // namespace tb::tokens
