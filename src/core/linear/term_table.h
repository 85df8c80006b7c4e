#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tb::linear {

// The column of a term, looked up once per word of every row a model answers (millions of times when a
// whole file is labelled). An open-addressing table of (hash tag, column) pairs, half full, probed
// linearly: a lookup reads one slot and the term it points at, where a node-based map chased three
// pointers. The terms themselves stay in the caller's vector, passed to each call.
class TermTable {
public:
    // Indexes terms[begin, end) as columns begin… ; false if a term appears twice.
    bool build(std::span<const std::string> terms, std::size_t begin, std::size_t end);
    // The column of `term`, or -1.
    std::int32_t find(std::string_view term, std::span<const std::string> terms) const;
    std::size_t size() const { return size_; }

private:
    struct Slot {
        std::uint32_t tag = 0;  // the hash's high half
        std::int32_t column = -1;  // -1: empty
    };
    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::size_t size_ = 0;
};

}  // namespace tb::linear
