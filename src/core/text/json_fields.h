#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

namespace tb::text {

// Reads json[key] into `out` when it is there with the right type, and leaves `out` as it is otherwise:
// saved documents come from disk or from other versions, and a wrong field must not throw (exceptions are
// off in the web build) nor replace a good default.
template <typename T>
void read_field(const nlohmann::json& json, const char* key, T& out) {
    if (!json.is_object() || !json.contains(key)) return;
    const auto& value = json[key];
    if constexpr (std::is_same_v<T, std::string>) {
        if (value.is_string()) out = value.get<std::string>();
    } else if constexpr (std::is_same_v<T, bool>) {
        if (value.is_boolean()) out = value.get<bool>();
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
        if (!value.is_array()) return;
        out.clear();
        for (const auto& item : value) {
            if (item.is_string()) out.push_back(item.get<std::string>());
        }
    } else if constexpr (std::is_unsigned_v<T>) {
        if (value.is_number_unsigned()) out = value.get<T>();
    } else {
        if (value.is_number_integer()) out = value.get<T>();
    }
}

// The same, returning `fallback` when the field is missing or of another type.
template <typename T>
T field_or(const nlohmann::json& json, const char* key, T fallback) {
    read_field(json, key, fallback);
    return fallback;
}

// json[key] when it is a number (integer or not), else nothing.
inline std::optional<double> optional_number(const nlohmann::json& json, const char* key) {
    if (!json.is_object() || !json.contains(key) || !json[key].is_number()) return std::nullopt;
    return json[key].get<double>();
}

}  // namespace tb::text
