#pragma once

#include <cstdint>
#include <string_view>

namespace tb::train {

// fastText's string hash (Dictionary::hash): 32-bit FNV-1a, except that each byte is sign-extended
// (int8 → uint32) before the xor, so bytes of 0x80 and above flip the top 24 bits too. fastText fixed
// it that way so its released models keep their buckets; reproducing the values keeps ours comparable.
constexpr std::uint32_t fasttext_hash(std::string_view text) {
    std::uint32_t h = 2166136261u;
    for (const char c : text) {
        h ^= static_cast<std::uint32_t>(static_cast<std::int8_t>(c));
        h *= 16777619u;
    }
    return h;
}

// fastText keeps token hashes as int32 and widens them to uint64 when chaining word n-grams, so a hash
// with its top bit set is sign-extended: this widening is part of the bucket values.
constexpr std::uint64_t widen_token_hash(std::uint32_t h) {
    return static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int32_t>(h)));
}

// One step of fastText's word n-gram chain: h(t1..tk) = h(t1..tk-1) * 116049371 + widen(hash(tk)),
// starting from widen(hash(t1)); the n-gram's row is then nwords + h % bucket.
constexpr std::uint64_t chain_word_hash(std::uint64_t h, std::uint32_t next_token_hash) {
    return h * 116049371u + widen_token_hash(next_token_hash);
}

// fastText's character n-grams of one word (Dictionary::computeSubwords): `bracketed` is "<" word ">";
// every run of minn..maxn UTF-8 characters (continuation bytes never start one), except a lone "<" or
// ">". Calls on_ngram(std::string_view) for each, in fastText's order.
template <typename OnNgram>
void for_each_char_ngram(std::string_view bracketed, int minn, int maxn, OnNgram&& on_ngram) {
    const auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
    const std::size_t size = bracketed.size();
    for (std::size_t i = 0; i < size; ++i) {
        if (continuation(bracketed[i])) continue;
        std::size_t j = i;
        for (int n = 1; j < size && n <= maxn; ++n) {
            ++j;
            while (j < size && continuation(bracketed[j])) ++j;
            if (n >= minn && !(n == 1 && (i == 0 || j == size))) on_ngram(bracketed.substr(i, j - i));
        }
    }
}

}  // namespace tb::train
