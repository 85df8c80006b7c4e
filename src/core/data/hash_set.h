#pragma once

#include <cstdint>
#include <vector>

namespace tb::data {

// A set of 64-bit hashes with open addressing: 16 bytes a member at most, so remembering every
// narrative of a multi-gigabyte file for duplicate detection stays within a few tens of MB.
class HashSet {
public:
    // Adds `hash`; false if it was already there.
    bool insert(std::uint64_t hash);
    std::size_t size() const { return size_; }
    std::size_t memory_bytes() const { return slots_.capacity() * sizeof(std::uint64_t); }

private:
    void grow();

    std::vector<std::uint64_t> slots_;  // 0 marks an empty slot; a hash of 0 is stored as 1
    std::size_t size_ = 0;
};

}  // namespace tb::data
