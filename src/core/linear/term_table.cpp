#include "core/linear/term_table.h"

#include "core/data/hashing.h"

namespace tb::linear {

bool TermTable::build(std::span<const std::string> terms, std::size_t begin, std::size_t end) {
    std::size_t capacity = 16;
    while (capacity < 2 * (end - begin)) capacity *= 2;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    size_ = 0;
    for (std::size_t column = begin; column < end; ++column) {
        const std::uint64_t hash = data::hash_text(terms[column]);
        const auto tag = static_cast<std::uint32_t>(hash >> 32);
        for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
            Slot& slot = slots_[i];
            if (slot.column < 0) {
                slot = {tag, static_cast<std::int32_t>(column)};
                ++size_;
                break;
            }
            if (slot.tag == tag && terms[static_cast<std::size_t>(slot.column)] == terms[column]) return false;
        }
    }
    return true;
}

std::int32_t TermTable::find(std::string_view term, std::span<const std::string> terms) const {
    if (size_ == 0) return -1;
    const std::uint64_t hash = data::hash_text(term);
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
        const Slot& slot = slots_[i];
        if (slot.column < 0) return -1;
        if (slot.tag == tag && terms[static_cast<std::size_t>(slot.column)] == term) return slot.column;
    }
}

}  // namespace tb::linear
