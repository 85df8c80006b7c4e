#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tb::data {

// An unordered_map keyed by std::string that is looked up with a string_view, without building a
// std::string per lookup (once per row on the ingest path).
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

template <typename T>
using StringMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

}  // namespace tb::data
