#pragma once

#include <cstdint>
#include <span>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace tb::data {

// splitmix64's finaliser: a fixed, portable 64-bit mix. Sampling keys are built from it, so the same
// seed picks the same rows natively and in WebAssembly (std:: distributions differ between libraries).
constexpr std::uint64_t mix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// The sampling key of a data row under a seed: rows are drawn in increasing key order.
constexpr std::uint64_t row_key(std::uint64_t seed, std::uint64_t row) { return mix64(mix64(seed) ^ row); }

// A fast 64-bit hash of text for exact-duplicate detection: one multiply per eight bytes on the way
// (every narrative of a file passes through it), a full mix at the end.
inline std::uint64_t hash_text(std::string_view text, std::uint64_t seed = 0) {
    constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = seed ^ (text.size() * kMultiplier);
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, 8);
        h = (((h << 5) | (h >> 59)) ^ word) * kMultiplier;
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, text.data() + i, text.size() - i);
    return mix64(h ^ tail);
}

// `value` as 16 lower-case hex digits: the form every key and fingerprint built from these hashes takes.
inline std::string hex64(std::uint64_t value) {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return text;
}

// The checksum that ends a saved model blob (either kind): hash_text of every byte before it.
inline std::uint64_t hash_bytes(std::span<const std::uint8_t> bytes) {
    return hash_text(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

// The hash duplicate detection keeps, for every text of a file. hash_text's single chain waits for
// each multiply before the next; four independent chains over 32 bytes a step let them overlap, which
// more than doubles its speed (in WebAssembly too). Its values differ from hash_text's, which saved
// fingerprints keep; these are never stored.
inline std::uint64_t hash_text_wide(std::string_view text) {
    constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;
    const auto step = [](std::uint64_t h, const char* bytes) {
        std::uint64_t word;
        std::memcpy(&word, bytes, 8);
        return (((h << 5) | (h >> 59)) ^ word) * kMultiplier;
    };
    const char* p = text.data();
    std::size_t left = text.size();
    std::uint64_t h = text.size() * kMultiplier;
    if (left >= 32) {
        // Distinct starting values, so that swapping two words between chains changes the result.
        std::uint64_t a = h, b = h ^ 0x243F6A8885A308D3ull, c = h ^ 0x13198A2E03707344ull,
                      d = h ^ 0xA4093822299F31D0ull;
        for (; left >= 32; p += 32, left -= 32) {
            a = step(a, p);
            b = step(b, p + 8);
            c = step(c, p + 16);
            d = step(d, p + 24);
        }
        h = (((mix64(a) ^ b) * kMultiplier ^ c) * kMultiplier ^ d) * kMultiplier;
    }
    for (; left >= 8; p += 8, left -= 8) h = step(h, p);
    std::uint64_t tail = 0;
    std::memcpy(&tail, p, left);
    return mix64(h ^ tail);
}

}  // namespace tb::data
