#include "core/train/word_index.h"

namespace tb::train {

std::size_t WordIndex::slot_of(std::uint32_t hash) const {
    // Fibonacci hashing: the top bits of the product depend on every bit of the hash.
    return static_cast<std::size_t>((std::uint64_t{hash} * 0x9E3779B97F4A7C15ull) >> shift_);
}

std::int32_t WordIndex::find(std::string_view word, std::uint32_t hash) const {
    if (slots_.empty()) return -1;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = slot_of(hash);; i = (i + 1) & mask) {
        const std::int32_t id = slots_[i];
        if (id < 0) return -1;
        if (hashes_[static_cast<std::size_t>(id)] == hash && words_[static_cast<std::size_t>(id)] == word) return id;
    }
}

std::int32_t WordIndex::insert(std::string_view word, std::uint32_t hash) {
    // At most half full, so probes stay short and an empty slot always ends a search.
    if ((words_.size() + 1) * 2 > slots_.size()) grow((words_.size() + 1) * 2);
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = slot_of(hash);
    for (;; i = (i + 1) & mask) {
        const std::int32_t id = slots_[i];
        if (id < 0) break;
        if (hashes_[static_cast<std::size_t>(id)] == hash && words_[static_cast<std::size_t>(id)] == word) return id;
    }
    const auto id = static_cast<std::int32_t>(words_.size());
    words_.emplace_back(word);
    hashes_.push_back(hash);
    slots_[i] = id;
    return id;
}

void WordIndex::reserve(std::size_t words) {
    words_.reserve(words);
    hashes_.reserve(words);
    if (words * 2 > slots_.size()) grow(words * 2);
}

void WordIndex::grow(std::size_t min_slots) {
    std::size_t slots = 1024;
    int bits = 10;
    while (slots < min_slots) {
        slots *= 2;
        ++bits;
    }
    slots_.assign(slots, -1);
    shift_ = 64 - bits;
    const std::size_t mask = slots - 1;
    for (std::size_t id = 0; id < words_.size(); ++id) {
        std::size_t i = slot_of(hashes_[id]);
        while (slots_[i] >= 0) i = (i + 1) & mask;
        slots_[i] = static_cast<std::int32_t>(id);
    }
}

}  // namespace tb::train
