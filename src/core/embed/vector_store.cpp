#include "core/embed/vector_store.h"

#include <algorithm>
#include <cmath>

#include "core/data/hashing.h"
#include "core/linear/vector_search.h"
#include "core/text/format.h"

namespace tb::embed {

std::string VectorSpace::key() const {
    std::string_view url = base_url;
    while (!url.empty() && url.back() == '/') url.remove_suffix(1);
    return std::string(url) + "|" + model + "|" + std::to_string(dimensions);
}

std::uint64_t text_key(std::string_view text) { return data::hash_text(text); }

std::string VectorStore::room_for(std::size_t more, int dims) const {
    if (dims <= 0) return {};
    const std::size_t rows = size() + more;
    const std::size_t need = linear::vector_bytes(rows, static_cast<std::size_t>(dims));
    if (need <= limit_) return {};
    return "The vectors of " + text::with_commas(rows) + " rows (" + std::to_string(dims) + " numbers each) would take " +
           text::format_bytes(need) + "; the page holds at most " + text::format_bytes(limit_) +
           " of vectors. Ask for fewer dimensions, or learn from fewer rows.";
}

void VectorStore::reserve(std::size_t more, int dims) {
    if (dims <= 0 || !room_for(more, dims).empty()) return;
    rows_.values.reserve((size() + more) * static_cast<std::size_t>(dims));
    rows_.starts.reserve(size() + more + 1);
}

bool VectorStore::add(std::uint64_t key, std::span<const float> vector, std::string& error) {
    if (vector.empty()) {
        error = "an empty vector";
        return false;
    }
    if (rows_.width != 0 && vector.size() != rows_.width) {
        error = "a vector of " + std::to_string(vector.size()) + " numbers among vectors of " + std::to_string(rows_.width);
        return false;
    }
    if (!std::all_of(vector.begin(), vector.end(), [](float v) { return std::isfinite(v); })) {
        error = "a vector holds a value that is not a number";
        return false;
    }
    if (contains(key)) return true;
    if (std::string full = room_for(1, static_cast<int>(vector.size())); !full.empty()) {
        error = std::move(full);
        return false;
    }
    rows_.width = vector.size();
    index_.emplace(key, static_cast<std::uint32_t>(index_.size()));
    rows_.add_dense_row(vector);
    return true;
}

std::span<const float> VectorStore::find(std::uint64_t key) const {
    const auto it = index_.find(key);
    if (it == index_.end()) return {};
    return rows_.values_of(it->second);
}

std::int64_t VectorStore::row_of(std::uint64_t key) const {
    const auto it = index_.find(key);
    return it == index_.end() ? -1 : static_cast<std::int64_t>(it->second);
}

}  // namespace tb::embed
