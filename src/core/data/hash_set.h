#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tb::data {

// A set of 64-bit hashes with open addressing, 8 bytes a slot and at most half full, within a fixed
// budget of slots: duplicate detection must not break the bounded memory of reading a file of any size.
// Once a new member would need more slots than the budget, the set is full(): it keeps the members it
// has and answers for them, but takes no more.
class HashSet {
public:
    // 2^23 slots: 64 MB, and 96 MB at the moment of its last growth (old and new slots side by side);
    // 4,194,304 members, more than the narratives of the whole CFPB database (about 3.5 million).
    static constexpr std::size_t kDefaultMaxSlots = std::size_t{1} << 23;

    // `max_slots` is rounded down to a power of two (at least 2).
    explicit HashSet(std::size_t max_slots = kDefaultMaxSlots);

    // Adds `hash`; false if it was already there. When full, a new hash is not kept and true is returned.
    bool insert(std::uint64_t hash);
    std::size_t size() const { return size_; }
    bool full() const { return full_; }  // a member was refused for lack of room
    std::size_t memory_bytes() const { return slots_.capacity() * sizeof(std::uint64_t); }

private:
    void grow();

    std::size_t max_slots_;
    std::vector<std::uint64_t> slots_;  // 0 marks an empty slot; a hash of 0 is stored as 1
    std::size_t size_ = 0;
    bool full_ = false;
};

}  // namespace tb::data
