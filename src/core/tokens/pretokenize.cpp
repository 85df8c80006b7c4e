#include "core/tokens/pretokenize.h"

#include <cstdint>

#include "core/tokens/char_at.h"

namespace tb::tokens {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

bool is_newline(char32_t c) { return c == '\r' || c == '\n'; }

// [^\s\p{L}\p{N}]: punctuation, symbols, marks, controls other than white space, unassigned.
bool is_other(const Char& c) { return (c.classes & (kSpace | kLetter | kNumber)) == 0; }

// The end of the run of chars from `i` that have any class bit of `mask`.
std::size_t run_end(std::string_view text, std::size_t i, std::uint8_t mask) {
    while (i < text.size()) {
        const Char c = char_at(text, i);
        if ((c.classes & mask) == 0) break;
        i += c.size;
    }
    return i;
}

// The length of the contraction ('s 't 'm 'd 're 've 'll, any ASCII case) at text[i], or 0.
std::size_t contraction_size(std::string_view text, std::size_t i) {
    if (i + 1 >= text.size() || text[i] != '\'') return 0;
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    const char first = lower(text[i + 1]);
    if (first == 's' || first == 't' || first == 'm' || first == 'd') return 2;
    if (i + 2 >= text.size()) return 0;
    const char second = lower(text[i + 2]);
    if ((first == 'r' && second == 'e') || (first == 'v' && second == 'e') || (first == 'l' && second == 'l')) {
        return 3;
    }
    return 0;
}

// \p{N}{1,3} from text[i], whose char is a number.
std::size_t numbers_end(std::string_view text, std::size_t i) {
    for (int taken = 0; taken < 3 && i < text.size(); ++taken) {
        const Char c = char_at(text, i);
        if ((c.classes & kNumber) == 0) break;
        i += c.size;
    }
    return i;
}

// The alternatives both patterns end with, tried at a char that is neither a letter nor a number (nor
// the start of a letter piece):
//   ' '?[^\s\p{L}\p{N}]+[\r\n]* (o200k: [\r\n/]*) | \s*[\r\n]+ | \s+(?!\S) | \s+
std::size_t symbols_or_space_end(std::string_view text, std::size_t i, const Char& first, bool slash_tail) {
    std::size_t from = kNone;
    if (is_other(first)) {
        from = i;
    } else if (first.code_point == ' ' && i + 1 < text.size() && is_other(char_at(text, i + 1))) {
        from = i + 1;
    }
    if (from != kNone) {
        std::size_t end = from;
        while (end < text.size()) {
            const Char c = char_at(text, end);
            if (!is_other(c)) break;
            end += c.size;
        }
        while (end < text.size() && (is_newline(static_cast<unsigned char>(text[end])) ||
                                     (slash_tail && text[end] == '/'))) {
            ++end;
        }
        return end;
    }

    // White space. \s*[\r\n]+ backtracks to just past the run's last line break; \s+(?!\S) leaves the
    // run's last char to the piece after it (" word") unless the run ends the text; \s+ takes one char.
    std::size_t end = i;
    std::size_t last_start = i;
    std::size_t after_newline = kNone;
    while (end < text.size()) {
        const Char c = char_at(text, end);
        if ((c.classes & kSpace) == 0) break;
        last_start = end;
        end += c.size;
        if (is_newline(c.code_point)) after_newline = end;
    }
    if (after_newline != kNone) return after_newline;
    if (end == text.size() || last_start == i) return end;
    return last_start;
}

std::size_t cl100k_piece_end(std::string_view text, std::size_t i) {
    const Char first = char_at(text, i);
    if (first.code_point == '\'') {
        if (const std::size_t size = contraction_size(text, i)) return i + size;
    }
    const std::size_t next = i + first.size;
    if (first.classes & kLetter) return run_end(text, next, kLetter);
    // [^\r\n\p{L}\p{N}]\p{L}+
    if (!is_newline(first.code_point) && (first.classes & kNumber) == 0 && next < text.size()) {
        const Char second = char_at(text, next);
        if (second.classes & kLetter) return run_end(text, next + second.size, kLetter);
    }
    if (first.classes & kNumber) return numbers_end(text, i);
    return symbols_or_space_end(text, i, first, /*slash_tail=*/false);
}

std::size_t with_contraction(std::string_view text, std::size_t end) { return end + contraction_size(text, end); }

// o200k's first alternative from `start` (after the optional prefix char), or kNone:
//   [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(contraction)?
// The greedy upper run backtracks until a lower-class char can start the second run: the char just
// after the run (only Ll can be there), else the run's last char that is in both classes (Lm, Lo, M).
std::size_t o200k_lower_ending(std::string_view text, std::size_t start) {
    std::size_t end = start;
    std::size_t last_both = kNone;
    while (end < text.size()) {
        const Char c = char_at(text, end);
        if ((c.classes & kUpper) == 0) break;
        if (c.classes & kLower) last_both = end;
        end += c.size;
    }
    std::size_t lower_from = kNone;
    if (end < text.size() && (char_at(text, end).classes & kLower)) {
        lower_from = end;
    } else {
        lower_from = last_both;
    }
    if (lower_from == kNone) return kNone;
    return with_contraction(text, run_end(text, lower_from, kLower));
}

// o200k's second alternative from `start`, or kNone:
//   [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(contraction)?
std::size_t o200k_upper_first(std::string_view text, std::size_t start) {
    if (start >= text.size() || (char_at(text, start).classes & kUpper) == 0) return kNone;
    return with_contraction(text, run_end(text, run_end(text, start, kUpper), kLower));
}

std::size_t o200k_piece_end(std::string_view text, std::size_t i) {
    const Char first = char_at(text, i);
    const std::size_t next = i + first.size;
    // The optional [^\r\n\p{L}\p{N}] prefix is tried taken, then not taken, for each alternative in turn.
    // A mark can be either the prefix or the start of the letters.
    const bool prefix =
        !is_newline(first.code_point) && (first.classes & (kLetter | kNumber)) == 0 && next < text.size();
    std::size_t end = kNone;
    if (prefix) end = o200k_lower_ending(text, next);
    if (end == kNone && (first.classes & (kUpper | kLower))) end = o200k_lower_ending(text, i);
    if (end == kNone && prefix) end = o200k_upper_first(text, next);
    if (end == kNone) end = o200k_upper_first(text, i);
    if (end != kNone) return end;
    if (first.classes & kNumber) return numbers_end(text, i);
    return symbols_or_space_end(text, i, first, /*slash_tail=*/true);
}

}  // namespace

std::size_t piece_end(Encoding encoding, std::string_view text, std::size_t begin) {
    return encoding == Encoding::O200kBase ? o200k_piece_end(text, begin) : cl100k_piece_end(text, begin);
}

}  // namespace tb::tokens
