#include "core/api/json_reading.h"

#include <string>

#include "core/text/dates.h"

namespace tb::api {

const nlohmann::json& array_at(const nlohmann::json& body, const char* key) {
    static const nlohmann::json kEmpty = nlohmann::json::array();
    return body.is_object() && body.contains(key) && body[key].is_array() ? body[key] : kEmpty;
}

std::int64_t time_at(const nlohmann::json& object, const char* key) {
    if (!object.is_object() || !object.contains(key)) return 0;
    const nlohmann::json& value = object[key];
    if (value.is_number_integer()) return value.get<std::int64_t>();
    return value.is_string() ? text::parse_iso8601(value.get<std::string>()).value_or(0) : 0;
}

}  // namespace tb::api
