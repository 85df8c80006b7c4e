#include "core/tokens/bpe.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <queue>

#include "core/text/utf8.h"
#include "core/data/hashing.h"
#include "core/tokens/pretokenize.h"

namespace tb::tokens {
namespace {

constexpr std::uint8_t kMagic[8] = {'T', 'B', 'B', 'P', 'E', 0, 0, 1};
constexpr std::size_t kHeaderSize = 20;
// Pieces up to this many bytes merge in a flat array (quadratic, but the array stays in cache); longer
// ones, like a long run of spaces or of letters without a break, go through a heap.
constexpr std::size_t kSmallPiece = 128;

std::uint32_t read_u32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 | std::uint32_t{p[3]} << 24;
}

bool fail(std::string* error, std::string message) {
    if (error != nullptr) *error = std::move(message);
    return false;
}

}  // namespace

std::optional<Bpe> Bpe::from_asset(std::string_view asset, std::string* error) {
    return from_asset(std::span(reinterpret_cast<const std::uint8_t*>(asset.data()), asset.size()), error);
}

std::optional<Bpe> Bpe::from_asset(std::span<const std::uint8_t> asset, std::string* error) {
    if (asset.size() < kHeaderSize || std::memcmp(asset.data(), kMagic, sizeof kMagic) != 0) {
        fail(error, "not a Tuneboard BPE asset");
        return std::nullopt;
    }
    const std::uint32_t pattern = read_u32(asset.data() + 8);
    if (pattern > 1) {
        fail(error, "unknown pre-tokenising pattern " + std::to_string(pattern));
        return std::nullopt;
    }
    // In 64 bits: the sum may not fit WebAssembly's 32-bit size_t.
    if (std::uint64_t{asset.size()} !=
        std::uint64_t{kHeaderSize} + read_u32(asset.data() + 12) + read_u32(asset.data() + 16)) {
        fail(error, "asset size does not match its header");
        return std::nullopt;
    }
    const std::size_t count = read_u32(asset.data() + 12);
    const std::size_t total = read_u32(asset.data() + 16);
    Bpe bpe;
    bpe.encoding_ = pattern == 1 ? Encoding::O200kBase : Encoding::Cl100kBase;
    const std::uint8_t* lengths = asset.data() + kHeaderSize;
    bpe.offsets_.resize(count + 1);
    std::size_t offset = 0;
    for (std::size_t rank = 0; rank < count; ++rank) {
        bpe.offsets_[rank] = static_cast<std::uint32_t>(offset);
        offset += lengths[rank];
        bpe.longest_token_ = std::max<std::size_t>(bpe.longest_token_, lengths[rank]);
    }
    bpe.offsets_[count] = static_cast<std::uint32_t>(offset);
    if (offset != total) {
        fail(error, "token lengths do not add up to the bytes' length");
        return std::nullopt;
    }
    bpe.bytes_.assign(reinterpret_cast<const char*>(lengths + count), total);

    // At most half full: a lookup that misses, the common case while merging, ends within a few probes.
    const std::size_t slots = std::bit_ceil(std::max<std::size_t>(count * 2, 16));
    bpe.slots_.assign(slots, 0);
    bpe.slot_mask_ = slots - 1;
    for (std::uint32_t rank = 0; rank < count; ++rank) {
        if (lengths[rank] == 0) continue;  // a rank the encoding leaves unused
        if (!bpe.insert(rank)) {
            fail(error, "token " + std::to_string(rank) + " repeats an earlier one");
            return std::nullopt;
        }
    }
    // Merging starts from single bytes, so every byte must be a token for every text to encode.
    for (int byte = 0; byte < 256; ++byte) {
        const char c = static_cast<char>(byte);
        if (bpe.rank_of(std::string_view(&c, 1)) == kNoRank) {
            fail(error, "byte " + std::to_string(byte) + " is not a token");
            return std::nullopt;
        }
    }
    return bpe;
}

bool Bpe::insert(std::uint32_t rank) {
    const std::string_view bytes = token(rank);
    const std::uint64_t hash = data::hash_text(bytes);
    const std::uint64_t tag = hash & 0xFFFFFFFF00000000ull;
    for (std::size_t i = hash & slot_mask_;; i = (i + 1) & slot_mask_) {
        const std::uint64_t slot = slots_[i];
        if (slot == 0) {
            slots_[i] = tag | (std::uint64_t{rank} + 1);
            return true;
        }
        if ((slot & 0xFFFFFFFF00000000ull) == tag && token(static_cast<std::uint32_t>(slot) - 1) == bytes) return false;
    }
}

std::uint32_t Bpe::rank_of(std::string_view bytes) const {
    if (bytes.size() > longest_token_ || slots_.empty()) return kNoRank;
    const std::uint64_t hash = data::hash_text(bytes);
    const std::uint64_t tag = hash & 0xFFFFFFFF00000000ull;
    for (std::size_t i = hash & slot_mask_;; i = (i + 1) & slot_mask_) {
        const std::uint64_t slot = slots_[i];
        if (slot == 0) return kNoRank;
        if ((slot & 0xFFFFFFFF00000000ull) == tag) {
            const auto rank = static_cast<std::uint32_t>(slot) - 1;
            if (token(rank) == bytes) return rank;
        }
    }
}

std::string_view Bpe::token(std::uint32_t rank) const {
    if (std::size_t{rank} + 1 >= offsets_.size()) return {};
    return std::string_view(bytes_).substr(offsets_[rank], offsets_[rank + 1] - offsets_[rank]);
}

std::size_t Bpe::memory_bytes() const {
    return bytes_.capacity() + offsets_.capacity() * sizeof(std::uint32_t) + slots_.capacity() * sizeof(std::uint64_t);
}

// Byte-pair merging as tiktoken does it: start from single bytes and, while some pair of neighbouring
// parts is itself a token, merge the pair of lowest rank (the leftmost of equals). Calls emit(rank) for
// each final part, in order.
template <typename Emit>
void Bpe::merge(std::string_view piece, Emit&& emit) const {
    // Most pieces (" the", "ing") are a token whole.
    if (const std::uint32_t rank = rank_of(piece); rank != kNoRank) {
        emit(rank);
        return;
    }
    if (piece.size() <= kSmallPiece) {
        merge_small(piece, emit);
    } else {
        merge_large(piece, emit);
    }
}

template <typename Emit>
void Bpe::merge_small(std::string_view piece, Emit&& emit) const {
    // Entry j starts part j at starts[j]; the last entry is the end. ranks[j] is the rank of parts j and
    // j + 1 together, kNoRank when they are not a token (or there is no part j + 1).
    std::uint32_t starts[kSmallPiece + 1];
    std::uint32_t ranks[kSmallPiece + 1];
    std::size_t entries = piece.size() + 1;
    for (std::size_t j = 0; j < entries; ++j) starts[j] = static_cast<std::uint32_t>(j);
    const auto pair_rank = [&](std::size_t j) {
        if (j + 2 >= entries) return kNoRank;
        return rank_of(piece.substr(starts[j], starts[j + 2] - starts[j]));
    };
    for (std::size_t j = 0; j < entries; ++j) ranks[j] = pair_rank(j);
    for (;;) {
        std::uint32_t best = kNoRank;
        std::size_t at = 0;
        for (std::size_t j = 0; j + 1 < entries; ++j) {
            if (ranks[j] < best) {
                best = ranks[j];
                at = j;
            }
        }
        if (best == kNoRank) break;
        // Part at + 1 joins part at: drop its entry.
        std::memmove(starts + at + 1, starts + at + 2, (entries - at - 2) * sizeof starts[0]);
        std::memmove(ranks + at + 1, ranks + at + 2, (entries - at - 2) * sizeof ranks[0]);
        --entries;
        ranks[at] = pair_rank(at);
        if (at > 0) ranks[at - 1] = pair_rank(at - 1);
    }
    for (std::size_t j = 0; j + 1 < entries; ++j) emit(rank_of(piece.substr(starts[j], starts[j + 1] - starts[j])));
}

template <typename Emit>
void Bpe::merge_large(std::string_view piece, Emit&& emit) const {
    // Parts as a linked list indexed by their first byte; a heap of candidate pairs ordered by (rank, start),
    // which is the lowest rank and then the leftmost. A pair is stale once either part has changed: its
    // left part is gone, or no longer ends where the pair's right part began, or that right part has grown.
    const auto size = static_cast<std::uint32_t>(piece.size());
    std::vector<std::uint32_t> next(size);
    std::vector<std::uint32_t> prev(size);
    std::vector<bool> alive(size, true);
    for (std::uint32_t i = 0; i < size; ++i) {
        next[i] = i + 1;
        prev[i] = i - 1;  // wraps for the first part, which has no left neighbour and is never asked
    }
    struct Pair {
        std::uint32_t rank;
        std::uint32_t start;
        std::uint32_t end;
        bool operator>(const Pair& other) const {
            return rank != other.rank ? rank > other.rank : start > other.start;
        }
    };
    std::priority_queue<Pair, std::vector<Pair>, std::greater<>> heap;
    const auto push_pair = [&](std::uint32_t left) {
        const std::uint32_t right = next[left];
        if (right >= size) return;
        const std::uint32_t end = next[right];
        const std::uint32_t rank = rank_of(piece.substr(left, end - left));
        if (rank != kNoRank) heap.push({rank, left, end});
    };
    for (std::uint32_t i = 0; i + 1 < size; ++i) push_pair(i);
    while (!heap.empty()) {
        const Pair pair = heap.top();
        heap.pop();
        if (!alive[pair.start]) continue;
        const std::uint32_t right = next[pair.start];
        if (right >= size || next[right] != pair.end) continue;
        alive[right] = false;
        next[pair.start] = pair.end;
        if (pair.end < size) prev[pair.end] = pair.start;
        if (pair.start > 0) push_pair(prev[pair.start]);
        push_pair(pair.start);
    }
    for (std::uint32_t i = 0; i < size; i = next[i]) emit(rank_of(piece.substr(i, next[i] - i)));
}

std::size_t Bpe::count_piece(std::string_view piece) const {
    std::size_t total = 0;
    merge(piece, [&](std::uint32_t) { ++total; });
    return total;
}

void Bpe::encode_piece(std::string_view piece, std::vector<std::uint32_t>& ids) const {
    merge(piece, [&](std::uint32_t rank) { ids.push_back(rank); });
}

std::size_t Bpe::count(std::string_view text) const {
    std::string repaired;
    std::size_t total = 0;
    for_each_piece(encoding_, text::well_formed_utf8(text, repaired),
                   [&](std::string_view piece) { total += count_piece(piece); });
    return total;
}

void Bpe::encode(std::string_view text, std::vector<std::uint32_t>& ids) const {
    std::string repaired;
    for_each_piece(encoding_, text::well_formed_utf8(text, repaired), [&](std::string_view piece) { encode_piece(piece, ids); });
}

std::vector<std::uint32_t> Bpe::encode(std::string_view text) const {
    std::vector<std::uint32_t> ids;
    encode(text, ids);
    return ids;
}

std::string Bpe::decode(std::span<const std::uint32_t> ids) const {
    std::string out;
    for (const std::uint32_t id : ids) out.append(token(id));
    return out;
}

}  // namespace tb::tokens
