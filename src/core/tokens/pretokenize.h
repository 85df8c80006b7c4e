#pragma once

#include <cstddef>
#include <string_view>

#include "core/tokens/encoding.h"

namespace tb::tokens {

// The pre-tokeniser: splits text into the pieces BPE then encodes one by one, exactly as js-tiktoken's
// regular expression for the encoding does (matchAll with the "u" flag), written as a hand-made scanner
// over code points. cl100k_base:
//   (?:'s|'S|'t|'T|'re|...|'d|'D) | [^\r\n\p{L}\p{N}]?\p{L}+ | \p{N}{1,3} | ' '?[^\s\p{L}\p{N}]+[\r\n]*
//   | \s*[\r\n]+ | \s+(?!\S) | \s+
// o200k_base:
//   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?:'s|...)?
//   | [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?:'s|...)?
//   | \p{N}{1,3} | ' '?[^\s\p{L}\p{N}]+[\r\n/]* | \s*[\r\n]+ | \s+(?!\S) | \s+
// The contractions are an apostrophe (U+0027) and s, t, m, d, re, ve or ll in any ASCII case; \s is
// JavaScript's. Every code point starts some alternative, so the pieces tile the text.
//
// The text should be valid UTF-8 (Bpe::count repairs it first). Ill-formed bytes are not an error here:
// each is taken as one code point of no class (like U+FFFD), so the pieces still tile the input.

// The byte offset just past the piece that starts at byte `begin` (< text.size()).
std::size_t piece_end(Encoding encoding, std::string_view text, std::size_t begin);

// Calls emit(std::string_view piece) for every piece of `text`, in order.
template <typename Emit>
void for_each_piece(Encoding encoding, std::string_view text, Emit&& emit) {
    std::size_t begin = 0;
    while (begin < text.size()) {
        const std::size_t end = piece_end(encoding, text, begin);
        emit(text.substr(begin, end - begin));
        begin = end;
    }
}

}  // namespace tb::tokens
