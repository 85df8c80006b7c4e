#include "core/text/utf8.h"

#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tb::text {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the well-formed sequence starting at text[i], or 0 if there is none; `consumed` is then
// the maximal subpart to replace (at least one byte). Ranges follow Unicode's table of well-formed
// UTF-8 byte sequences, which rules out overlong forms, surrogates and code points past U+10FFFF.
std::size_t sequence_length(std::string_view text, std::size_t i, std::size_t& consumed) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t trail = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (lead < 0x80) {
        consumed = 1;
        return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        trail = 1;
    } else if (lead == 0xE0) {
        trail = 2;
        lo = 0xA0;
    } else if (lead == 0xED) {
        trail = 2;
        hi = 0x9F;
    } else if (lead >= 0xE1 && lead <= 0xEF) {
        trail = 2;
    } else if (lead == 0xF0) {
        trail = 3;
        lo = 0x90;
    } else if (lead == 0xF4) {
        trail = 3;
        hi = 0x8F;
    } else if (lead >= 0xF1 && lead <= 0xF3) {
        trail = 3;
    } else {
        consumed = 1;
        return 0;
    }
    std::size_t j = i + 1;
    for (std::size_t k = 0; k < trail; ++k, ++j) {
        if (j >= text.size()) break;
        const auto byte = static_cast<unsigned char>(text[j]);
        if (byte < lo || byte > hi) break;
        lo = 0x80;  // only the first trail byte has a narrower range
        hi = 0xBF;
    }
    consumed = j - i;
    return consumed == trail + 1 ? consumed : 0;
}

// Every selected field passes through here, most of it ASCII: 32 bytes a step where the machine has
// SIMD, since WebAssembly's 64-bit words alone leave the browser well behind native speed.
std::size_t ascii_prefix(std::string_view text) {
    const char* const begin = text.data();
    const char* p = begin;
    const char* const end = p + text.size();
#if defined(__wasm_simd128__)
    for (; end - p >= 32; p += 32) {
        // The sign bit of each byte marks a non-ASCII byte: one bitmask tests 32 bytes at once.
        const v128_t both = wasm_v128_or(wasm_v128_load(p), wasm_v128_load(p + 16));
        if (wasm_i8x16_bitmask(both) != 0) break;
    }
    for (; end - p >= 16; p += 16) {
        const std::uint32_t mask = wasm_i8x16_bitmask(wasm_v128_load(p));
        if (mask != 0) return static_cast<std::size_t>(p - begin) + std::countr_zero(mask);
    }
#elif defined(__SSE2__)
    for (; end - p >= 32; p += 32) {
        const __m128i both = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)),
                                          _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16)));
        if (_mm_movemask_epi8(both) != 0) break;
    }
    for (; end - p >= 16; p += 16) {
        const auto mask =
            static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))));
        if (mask != 0) return static_cast<std::size_t>(p - begin) + std::countr_zero(mask);
    }
#endif
    for (; end - p >= 8; p += 8) {
        std::uint64_t word;
        std::memcpy(&word, p, 8);
        if (word & 0x8080808080808080ULL) break;
    }
    while (p < end && static_cast<unsigned char>(*p) < 0x80) ++p;
    return static_cast<std::size_t>(p - begin);
}

}  // namespace

std::size_t valid_utf8_prefix(std::string_view text) {
    std::size_t i = ascii_prefix(text);
    while (i < text.size()) {
        std::size_t consumed = 0;
        if (sequence_length(text, i, consumed) == 0) return i;
        i += consumed;
        if (consumed == 1) i += ascii_prefix(text.substr(i));
    }
    return i;
}

std::size_t append_utf8_replacing_invalid(std::string& out, std::string_view text) {
    std::size_t replaced = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t valid = valid_utf8_prefix(text.substr(i));
        out.append(text.substr(i, valid));
        i += valid;
        if (i == text.size()) break;
        std::size_t consumed = 0;
        sequence_length(text, i, consumed);
        out.append(kReplacement);
        ++replaced;
        i += consumed;
    }
    return replaced;
}

}  // namespace tb::text

namespace tb::text {

std::string_view well_formed_utf8(std::string_view text, std::string& storage) {
    if (valid_utf8_prefix(text) == text.size()) return text;
    storage.clear();
    append_utf8_replacing_invalid(storage, text);
    return storage;
}

std::string valid_utf8(std::string_view text) {
    std::string storage;
    return std::string(well_formed_utf8(text, storage));
}

std::string_view cut_utf8(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    // Back over at most three continuation bytes (a sequence has at most four bytes): in ill-formed text
    // a longer run is no character to keep whole, and cutting there loses no more than it must.
    std::size_t end = max_bytes;
    for (int back = 0; back < 3 && end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80; ++back) --end;
    if ((static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) end = max_bytes;
    return text.substr(0, end);
}

std::string excerpt(std::string_view text, std::size_t max_bytes) {
    constexpr std::string_view kEllipsis = "\xE2\x80\xA6";
    // Replacements can make the text longer: cut, repair, then cut what the repair added.
    std::string out = valid_utf8(cut_utf8(text, max_bytes));
    const bool cut = out.size() > max_bytes || text.size() > max_bytes;
    if (!cut) return out;
    out.resize(cut_utf8(out, max_bytes > kEllipsis.size() ? max_bytes - kEllipsis.size() : 0).size());
    return out + std::string(kEllipsis);
}

}  // namespace tb::text
