#include "core/data/hash_set.h"

#include <algorithm>
#include <bit>

namespace tb::data {

namespace {
constexpr std::size_t kFirstSlots = 1024;
}

HashSet::HashSet(std::size_t max_slots) : max_slots_(std::bit_floor(std::max<std::size_t>(max_slots, 2))) {}

bool HashSet::insert(std::uint64_t hash) {
    if (hash == 0) hash = 1;
    const bool needs_room = (size_ + 1) * 2 > slots_.size();
    if (needs_room && slots_.size() < max_slots_) grow();
    const bool room = (size_ + 1) * 2 <= slots_.size();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(hash) & mask;; i = (i + 1) & mask) {
        if (slots_[i] == hash) return false;
        if (slots_[i] == 0) {
            if (!room) {
                full_ = true;
                return true;
            }
            slots_[i] = hash;
            ++size_;
            return true;
        }
    }
}

void HashSet::grow() {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(old.empty() ? std::min(kFirstSlots, max_slots_) : old.size() * 2, 0);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint64_t hash : old) {
        if (hash == 0) continue;
        std::size_t i = static_cast<std::size_t>(hash) & mask;
        while (slots_[i] != 0) i = (i + 1) & mask;
        slots_[i] = hash;
    }
}

}  // namespace tb::data
