#include "core/data/hash_set.h"

namespace tb::data {

bool HashSet::insert(std::uint64_t hash) {
    if (hash == 0) hash = 1;
    if ((size_ + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(hash) & mask;; i = (i + 1) & mask) {
        if (slots_[i] == hash) return false;
        if (slots_[i] == 0) {
            slots_[i] = hash;
            ++size_;
            return true;
        }
    }
}

void HashSet::grow() {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint64_t hash : old) {
        if (hash == 0) continue;
        std::size_t i = static_cast<std::size_t>(hash) & mask;
        while (slots_[i] != 0) i = (i + 1) & mask;
        slots_[i] = hash;
    }
}

}  // namespace tb::data
