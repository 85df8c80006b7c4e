#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

namespace tb::api {

// body[key] when it is an array, else an empty one: a list answer's items, whatever the answer holds.
const nlohmann::json& array_at(const nlohmann::json& body, const char* key);

// object[key] as seconds since the epoch, sent as a number (OpenAI) or an ISO 8601 text (Together); 0 when
// absent or neither.
std::int64_t time_at(const nlohmann::json& object, const char* key);

}  // namespace tb::api
