#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/tokens/encoding.h"

namespace tb::tokens {

// An exact token counter for one OpenAI encoding, giving the same tokens as js-tiktoken 1.0.21's
// encode(text, [], []): special tokens such as "<|endoftext|>" are counted as ordinary text.
//
// Text is UTF-8. Ill-formed UTF-8 is first repaired the way a browser's TextDecoder does (each maximal
// ill-formed subpart becomes U+FFFD), so the count is js-tiktoken's count of the string a browser would
// make of those bytes.
class Bpe {
public:
    static constexpr std::uint32_t kNoRank = 0xFFFFFFFF;

    // Builds the tables from an asset written by scripts/make_bpe_asset.mjs (the bytes are copied, so the
    // caller may free them). On a malformed asset: nullopt, and `error` says why when given.
    static std::optional<Bpe> from_asset(std::span<const std::uint8_t> asset, std::string* error = nullptr);
    static std::optional<Bpe> from_asset(std::string_view asset, std::string* error = nullptr);

    Encoding encoding() const { return encoding_; }

    std::size_t count(std::string_view text) const;
    // Appends the token ids of `text` to `ids`.
    void encode(std::string_view text, std::vector<std::uint32_t>& ids) const;
    std::vector<std::uint32_t> encode(std::string_view text) const;
    // The bytes of the tokens, concatenated; unknown ids are skipped.
    std::string decode(std::span<const std::uint32_t> ids) const;

    // One pre-tokenised piece (see pretokenize.h), as bytes.
    std::size_t count_piece(std::string_view piece) const;
    void encode_piece(std::string_view piece, std::vector<std::uint32_t>& ids) const;

    // The rank (= token id) of exactly these bytes, or kNoRank.
    std::uint32_t rank_of(std::string_view bytes) const;
    std::string_view token(std::uint32_t rank) const;
    std::size_t vocabulary_size() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
    std::size_t memory_bytes() const;

private:
    Bpe() = default;
    bool insert(std::uint32_t rank);
    template <typename Emit>
    void merge(std::string_view piece, Emit&& emit) const;
    template <typename Emit>
    void merge_small(std::string_view piece, Emit&& emit) const;
    template <typename Emit>
    void merge_large(std::string_view piece, Emit&& emit) const;

    Encoding encoding_ = Encoding::O200kBase;
    std::string bytes_;                   // every token's bytes, in rank order
    std::vector<std::uint32_t> offsets_;  // token r is bytes_[offsets_[r], offsets_[r + 1])
    // Open addressing, linear probing: the hash's high 32 bits, then rank + 1 (0 marks an empty slot).
    // The stored hash bits settle most probes without touching the token's bytes.
    std::vector<std::uint64_t> slots_;
    std::size_t slot_mask_ = 0;
    std::size_t longest_token_ = 0;
};

}  // namespace tb::tokens
