#pragma once

// The CSV scanner's inner loop: find the next byte that can end or change a field. Outside quotes that
// is a quote, the delimiter, CR or LF; inside quotes only a quote matters. Ordinary field bytes are
// skipped 16 at a time where the machine has SIMD (SSE2 natively, SIMD128 in WebAssembly).
//
// Each path is a struct with the same two static functions, so the parser can be instantiated with any
// of them and the tests can check every path the machine supports against the scalar one. Every
// function returns `end` when no such byte exists in [p, end) and never reads outside that range.

#include <bit>
#include <cstdint>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tb::csv {

inline constexpr char kQuote = '"';

inline bool is_special_byte(char c, char delimiter) {
    return c == kQuote || c == delimiter || c == '\n' || c == '\r';
}

// Correct everywhere; the reference the SIMD paths are tested against.
struct ScalarScan {
    static const char* special(const char* p, const char* end, char delimiter) {
        while (p < end && !is_special_byte(*p, delimiter)) ++p;
        return p;
    }
    static const char* quote(const char* p, const char* end) {
        while (p < end && *p != kQuote) ++p;
        return p;
    }
};

#if defined(__SSE2__)
struct Sse2Scan {
    static const char* special(const char* p, const char* end, char delimiter) {
        const __m128i quote = _mm_set1_epi8(kQuote);
        const __m128i delim = _mm_set1_epi8(delimiter);
        const __m128i cr = _mm_set1_epi8('\r');
        const __m128i lf = _mm_set1_epi8('\n');
        for (; end - p >= 16; p += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, delim)),
                                             _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
            const auto mask = static_cast<std::uint32_t>(_mm_movemask_epi8(hit));
            if (mask != 0) return p + std::countr_zero(mask);
        }
        return ScalarScan::special(p, end, delimiter);
    }
    // Quoted narratives are long, so this one looks at 32 bytes per step.
    static const char* quote(const char* p, const char* end) {
        const __m128i quote = _mm_set1_epi8(kQuote);
        for (; end - p >= 32; p += 32) {
            const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16));
            const auto mask = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(a, quote))) |
                              static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(b, quote))) << 16;
            if (mask != 0) return p + std::countr_zero(mask);
        }
        for (; end - p >= 16; p += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            const auto mask = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)));
            if (mask != 0) return p + std::countr_zero(mask);
        }
        return ScalarScan::quote(p, end);
    }
};
#endif

#if defined(__wasm_simd128__)
struct WasmSimdScan {
    static const char* special(const char* p, const char* end, char delimiter) {
        const v128_t quote = wasm_i8x16_splat(kQuote);
        const v128_t delim = wasm_i8x16_splat(delimiter);
        const v128_t cr = wasm_i8x16_splat('\r');
        const v128_t lf = wasm_i8x16_splat('\n');
        for (; end - p >= 16; p += 16) {
            const v128_t v = wasm_v128_load(p);
            const v128_t hit = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(v, quote), wasm_i8x16_eq(v, delim)),
                                            wasm_v128_or(wasm_i8x16_eq(v, cr), wasm_i8x16_eq(v, lf)));
            const std::uint32_t mask = wasm_i8x16_bitmask(hit);
            if (mask != 0) return p + std::countr_zero(mask);
        }
        return ScalarScan::special(p, end, delimiter);
    }
    static const char* quote(const char* p, const char* end) {
        const v128_t quote = wasm_i8x16_splat(kQuote);
        for (; end - p >= 32; p += 32) {
            const v128_t a = wasm_i8x16_eq(wasm_v128_load(p), quote);
            const v128_t b = wasm_i8x16_eq(wasm_v128_load(p + 16), quote);
            // any_true is cheaper than two bitmasks while nothing is found, which is nearly always.
            if (wasm_v128_any_true(wasm_v128_or(a, b))) {
                const std::uint32_t mask = wasm_i8x16_bitmask(a) | wasm_i8x16_bitmask(b) << 16;
                return p + std::countr_zero(mask);
            }
        }
        for (; end - p >= 16; p += 16) {
            const std::uint32_t mask = wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(p), quote));
            if (mask != 0) return p + std::countr_zero(mask);
        }
        return ScalarScan::quote(p, end);
    }
};
#endif

#if defined(__wasm_simd128__)
using BestScan = WasmSimdScan;
#elif defined(__SSE2__)
using BestScan = Sse2Scan;
#else
using BestScan = ScalarScan;
#endif

}  // namespace tb::csv
