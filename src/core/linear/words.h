#pragma once

#include <string>
#include <string_view>

#include "core/tokens/char_at.h"

namespace tb::linear {

// The words of a text as scikit-learn's TfidfVectorizer reads them by default (lowercase=True,
// token_pattern r"(?u)\b\w\w+\b"): runs of two or more word characters — letters, numbers and "_" —
// lowercased. Lowercasing is ASCII only (the complaints are English; sklearn lowercases all of Unicode),
// and a mark inside a word ends it as Python's \w does. Calls on_word(std::string_view) with each word,
// which lives in `scratch` until the next call (which may change its size).
template <typename OnWord>
void for_each_word(std::string_view text, std::string& scratch, OnWord&& on_word) {
    // A word is never longer than the text: the scratch is sized once and written through a pointer
    // (a push_back per byte is a call per byte in WebAssembly, the hot loop of labelling a file).
    if (scratch.size() < text.size()) scratch.resize(text.size());
    char* const word = scratch.data();
    std::size_t i = 0, length = 0, chars = 0;
    const auto flush = [&] {
        if (chars >= 2) on_word(std::string_view(word, length));
        length = 0;
        chars = 0;
    };
    while (i < text.size()) {
        const unsigned char byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            const bool is_word = (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') || byte == '_' ||
                                 (byte >= 'A' && byte <= 'Z');
            if (is_word) {
                word[length++] = static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + ('a' - 'A') : byte);
                ++chars;
            } else {
                flush();
            }
            ++i;
            continue;
        }
        const tokens::Char c = tokens::char_at(text, i);
        if ((c.classes & (tokens::kLetter | tokens::kNumber)) != 0) {
            text.copy(word + length, c.size, i);
            length += c.size;
            ++chars;
        } else {
            flush();
        }
        i += c.size;
    }
    flush();
}

}  // namespace tb::linear
