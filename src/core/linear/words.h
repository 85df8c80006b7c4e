#pragma once

#include <string>
#include <string_view>

#include "core/tokens/char_at.h"

namespace tb::linear {

// The words of a text as scikit-learn's TfidfVectorizer reads them by default (lowercase=True,
// token_pattern r"(?u)\b\w\w+\b"): runs of two or more word characters — letters, numbers and "_" —
// lowercased. Lowercasing is ASCII only (the complaints are English; sklearn lowercases all of Unicode),
// and a mark inside a word ends it as Python's \w does. Calls on_word(std::string_view) with each word,
// which lives in `scratch` until the next call.
template <typename OnWord>
void for_each_word(std::string_view text, std::string& scratch, OnWord&& on_word) {
    std::size_t i = 0, chars = 0;
    scratch.clear();
    const auto flush = [&] {
        if (chars >= 2) on_word(std::string_view(scratch));
        scratch.clear();
        chars = 0;
    };
    while (i < text.size()) {
        const unsigned char byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            const bool word = (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') || byte == '_' ||
                              (byte >= 'A' && byte <= 'Z');
            if (word) {
                scratch.push_back(static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + ('a' - 'A') : byte));
                ++chars;
            } else {
                flush();
            }
            ++i;
            continue;
        }
        const tokens::Char c = tokens::char_at(text, i);
        if ((c.classes & (tokens::kLetter | tokens::kNumber)) != 0) {
            scratch.append(text.substr(i, c.size));
            ++chars;
        } else {
            flush();
        }
        i += c.size;
    }
    flush();
}

}  // namespace tb::linear
