#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/linear/feature_rows.h"

namespace tb::embed {

// Which vectors are interchangeable: those of the same server, model and dimensions. A vector is kept
// (in memory here, in the browser's IndexedDB by the platform) under its space's key and its text's key,
// so a reload, a re-run, another split or a repeat over splits asks for no text twice.
struct VectorSpace {
    std::string base_url;
    std::string model;
    int dimensions = 0;  // asked for; 0: the model's own

    // "<base URL>|<model>|<dimensions>", the base URL without a trailing slash.
    std::string key() const;
};

// A text's key: a 64-bit hash of its bytes (data::hash_text). At 100,000 texts the chance of two sharing
// one is about 3 in 10 billion.
std::uint64_t text_key(std::string_view text);

// The most vector memory a page holds: 1 GiB, so a tab of a 4 GB WebAssembly heap keeps room for the
// file, the model and the page. 100,000 vectors of 1,536 floats take 614 MB and fit; of 3,072 they do not.
inline constexpr std::size_t kVectorMemoryLimit = std::size_t{1} << 30;

// The vectors of one space, as float32 in one contiguous block (4 bytes a value: a double would take 8, a
// vector per allocation would add its own overhead), looked up by text key. The block is a set of dense
// feature rows, one per vector, which the classifier (linear::VectorSearch) reads where it is.
class VectorStore {
public:
    explicit VectorStore(std::size_t memory_limit = kVectorMemoryLimit) : limit_(memory_limit) { rows_.dense = true; }

    // Whether `more` vectors of `dims` values fit beside those held: empty, or what the person reads
    // ("The vectors of 120,000 rows would take 1.47 GB; the page holds at most 1.07 GB of vectors: ...").
    std::string room_for(std::size_t more, int dims) const;
    // Reserves room for `more` vectors, so the block grows once rather than doubling past the limit.
    void reserve(std::size_t more, int dims);

    // Keeps `vector` under `key` (a key already held keeps its first vector: the same text gives the same
    // vector). False, with `error`, for a vector of another length than those held, or past the limit.
    bool add(std::uint64_t key, std::span<const float> vector, std::string& error);
    std::span<const float> find(std::uint64_t key) const;  // empty when not held
    bool contains(std::uint64_t key) const { return index_.count(key) != 0; }
    // The vector's row in rows(), or -1 when not held.
    std::int64_t row_of(std::uint64_t key) const;
    const linear::FeatureRows& rows() const { return rows_; }

    int dims() const { return static_cast<int>(rows_.width); }  // 0 before the first vector
    std::size_t size() const { return index_.size(); }
    std::size_t bytes() const { return rows_.values.size() * sizeof(float); }
    std::size_t memory_limit() const { return limit_; }

private:
    std::unordered_map<std::uint64_t, std::uint32_t> index_;  // key → row
    linear::FeatureRows rows_;
    std::size_t limit_;
};

}  // namespace tb::embed
