#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/tokens/char_at.h"

namespace tb::linear {

// Character n-grams as scikit-learn's TfidfVectorizer(analyzer="char_wb") reads them: the text split on
// whitespace into pieces (punctuation stays in them), each piece padded with a space on either side and
// cut into every window of min..max characters. Lowercasing is ASCII only, as for words (words.h).
struct CharRange {
    int min = 0, max = 0;  // 0, 0: no character n-grams
    bool on() const { return max > 0; }
    bool operator==(const CharRange&) const = default;
};

// The range the page offers: 2 to 5 characters, the range most often used with char_wb for topic and
// spelling-robust features (short enough to catch stems and misspellings, long enough for whole short words).
inline constexpr CharRange kCharGrams{2, 5};

// Python's str.split() whitespace, which char_wb splits on.
inline bool is_python_space(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// Calls on_piece(std::string_view) with each whitespace-separated piece of the text, ASCII-lowercased; the
// piece lives in `scratch` until the next call.
template <typename OnPiece>
void for_each_piece(std::string_view text, std::string& scratch, OnPiece&& on_piece) {
    scratch.clear();
    std::size_t i = 0;
    while (i < text.size()) {
        const tokens::Char c = tokens::char_at(text, i);
        if (is_python_space(c.code_point)) {
            if (!scratch.empty()) on_piece(std::string_view(scratch));
            scratch.clear();
        } else if (c.size == 1) {
            const char byte = text[i];
            scratch.push_back(byte >= 'A' && byte <= 'Z' ? static_cast<char>(byte + ('a' - 'A')) : byte);
        } else {
            scratch.append(text.substr(i, c.size));
        }
        i += c.size;
    }
    if (!scratch.empty()) on_piece(std::string_view(scratch));
}

// Calls on_gram(std::string_view) with each n-gram of one piece, in scikit-learn's order: for n from min
// up, every window of n characters of " piece "; a padded piece no longer than n gives itself once and
// ends the list (scikit-learn's "count a short word only once"). `padded` and `starts` are scratch.
template <typename OnGram>
void for_each_piece_gram(std::string_view piece, CharRange range, std::string& padded, std::vector<std::uint32_t>& starts,
                         OnGram&& on_gram) {
    padded.clear();  // (not assign(" "): GCC 12 at -O3 warns falsely on it, -Wrestrict)
    padded.push_back(' ');
    padded.append(piece);
    padded.push_back(' ');
    starts.clear();  // byte offset of each character, and the end
    for (std::size_t i = 0; i < padded.size(); i += tokens::char_at(padded, i).size) starts.push_back(static_cast<std::uint32_t>(i));
    const std::size_t length = starts.size();
    starts.push_back(static_cast<std::uint32_t>(padded.size()));
    const std::string_view all(padded);
    for (int n = range.min; n <= range.max; ++n) {
        const auto size = static_cast<std::size_t>(n);
        if (length <= size) {
            on_gram(all);
            return;
        }
        for (std::size_t first = 0; first + size <= length; ++first) {
            on_gram(all.substr(starts[first], starts[first + size] - starts[first]));
        }
    }
}

}  // namespace tb::linear
