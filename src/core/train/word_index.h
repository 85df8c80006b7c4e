#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tb::train {

// Words numbered in the order they were added, found by their fastText hash (which every token's
// n-grams need anyway, so a lookup costs no second pass over its bytes). Open addressing on the hash
// mixed by a multiply, as FNV's low bits alone would cluster.
class WordIndex {
public:
    // The id of `word`, whose fasttext_hash is `hash`, or -1.
    std::int32_t find(std::string_view word, std::uint32_t hash) const;
    // The id of `word`, adding it first if it is new.
    std::int32_t insert(std::string_view word, std::uint32_t hash);

    std::size_t size() const { return words_.size(); }
    const std::string& word(std::int32_t id) const { return words_[static_cast<std::size_t>(id)]; }
    std::uint32_t hash(std::int32_t id) const { return hashes_[static_cast<std::size_t>(id)]; }
    void reserve(std::size_t words);

private:
    std::size_t slot_of(std::uint32_t hash) const;
    void grow(std::size_t min_slots);

    std::vector<std::string> words_;
    std::vector<std::uint32_t> hashes_;
    std::vector<std::int32_t> slots_;  // word ids; -1 marks an empty slot
    int shift_ = 64;                   // slot = (mixed hash) >> shift_
};

}  // namespace tb::train
