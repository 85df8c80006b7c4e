#pragma once

#include <array>
#include <string_view>

namespace tb::train {

// fastText's end-of-sentence token, which it reads at every newline and trains on like a word.
inline constexpr std::string_view kEndOfSentence = "</s>";

namespace detail {
// fastText's separators (Dictionary::readWord): ASCII space, \n, \r, \t, \v, \f and NUL. Nothing else,
// so a no-break space or other Unicode space stays inside a word, as there.
inline constexpr std::array<bool, 256> kSeparator = [] {
    std::array<bool, 256> table{};
    for (const unsigned char c : {' ', '\n', '\r', '\t', '\v', '\f', '\0'}) table[c] = true;
    return table;
}();
}  // namespace detail

// Calls on_token(std::string_view) for each token of `text` as fastText reads a line of its input file:
// runs of bytes between separators, and "</s>" at each newline. A text is read as if it were one line of
// a file, so one "</s>" ends it unless it already ends with a newline. Unlike fastText, a text is always
// one example: its inner newlines give "</s>" tokens but do not split it, and no token is a label.
template <typename OnToken>
void for_each_token(std::string_view text, OnToken&& on_token) {
    std::size_t start = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (detail::kSeparator[static_cast<unsigned char>(c)]) {
            if (in_word) on_token(text.substr(start, i - start));
            in_word = false;
            if (c == '\n') on_token(kEndOfSentence);
        } else if (!in_word) {
            start = i;
            in_word = true;
        }
    }
    if (in_word) on_token(text.substr(start));
    if (text.empty() || text.back() != '\n') on_token(kEndOfSentence);
}

}  // namespace tb::train
