#include <catch2/catch.hpp>

#include <cstring>
#include <memory>
#include <random>
#include <tuple>

#include "core/csv/byte_scan.h"

using namespace tb::csv;

namespace {

// Every path this machine can run; the wasm path is checked by building this file with em++.
using Scans = std::tuple<ScalarScan
#if defined(__SSE2__)
                         ,
                         Sse2Scan
#endif
#if defined(__wasm_simd128__)
                         ,
                         WasmSimdScan
#endif
                         >;

const char* naive_special(const char* p, const char* end, char delimiter) {
    for (; p < end; ++p)
        if (*p == '"' || *p == delimiter || *p == '\n' || *p == '\r') return p;
    return end;
}

const char* naive_quote(const char* p, const char* end) {
    for (; p < end; ++p)
        if (*p == '"') return p;
    return end;
}

// Bytes that look like the special ones with the high bit set, to catch signed/unsigned mix-ups.
constexpr unsigned char kDecoys[] = {0xA2, 0xAC, 0xBB, 0x8A, 0x8D, 0x89, 0xFF, 0x80, 0x00, 'a', ' '};

}  // namespace

TEMPLATE_LIST_TEST_CASE("the byte scanners find the first special byte of every sub-range", "[csv][scan]",
                        Scans) {
    std::mt19937 rng(42);
    for (const char delimiter : {',', ';', '\t', '|'}) {
        for (int round = 0; round < 60; ++round) {
            const std::size_t size = rng() % 100;
            // Exactly the bytes scanned, so AddressSanitizer sees any read past the end.
            auto buffer = std::make_unique<char[]>(size + 1);
            char* const data = buffer.get();
            const unsigned density = 1 + rng() % 40;  // how often a special byte appears
            for (std::size_t i = 0; i < size; ++i) {
                if (rng() % density == 0) {
                    const char specials[] = {'"', delimiter, '\n', '\r'};
                    data[i] = specials[rng() % 4];
                } else {
                    data[i] = static_cast<char>(kDecoys[rng() % sizeof kDecoys]);
                }
            }
            for (std::size_t begin = 0; begin <= size; ++begin) {
                for (std::size_t end = begin; end <= size; ++end) {
                    const char* b = data + begin;
                    const char* e = data + end;
                    REQUIRE(TestType::special(b, e, delimiter) == naive_special(b, e, delimiter));
                    REQUIRE(TestType::quote(b, e) == naive_quote(b, e));
                }
            }
        }
    }
}

TEMPLATE_LIST_TEST_CASE("the byte scanners find a lone special byte at any distance", "[csv][scan]", Scans) {
    constexpr std::size_t kSize = 200;
    auto buffer = std::make_unique<char[]>(kSize);
    for (const char special : {'"', ',', '\n', '\r'}) {
        for (std::size_t at = 0; at < kSize; ++at) {
            std::memset(buffer.get(), 'x', kSize);
            buffer[at] = special;
            for (std::size_t begin = 0; begin <= at; begin += 7) {
                const char* b = buffer.get() + begin;
                const char* e = buffer.get() + kSize;
                REQUIRE(TestType::special(b, e, ',') == buffer.get() + at);
                REQUIRE(TestType::quote(b, e) == (special == '"' ? buffer.get() + at : e));
            }
        }
    }
    std::memset(buffer.get(), 'x', kSize);
    CHECK(TestType::special(buffer.get(), buffer.get() + kSize, ',') == buffer.get() + kSize);
    CHECK(TestType::quote(buffer.get(), buffer.get() + kSize) == buffer.get() + kSize);
}
