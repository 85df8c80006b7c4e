#pragma once

#include <variant>

#include <nlohmann/json.hpp>

#include "core/api/errors.h"
#include "core/api/http.h"
#include "core/text/json_text.h"

namespace tb::api {

// What a provider call gives: the value, or the provider's error as the person should see it.
template <typename T>
using Result = std::variant<T, ApiError>;

template <typename T>
const T* value_of(const Result<T>& result) {
    return std::get_if<T>(&result);
}

// Runs `parse` on the JSON object of a successful answer; an error answer, or one that is not a JSON
// object, becomes an ApiError.
template <typename T, typename Parse>
Result<T> parse_json_object(const HttpResponse& response, Parse parse) {
    if (!response.ok()) return parse_api_error(response);
    const auto parsed = text::parse_json(response.body);
    const nlohmann::json& body = parsed.value;
    if (!parsed.ok() || !body.is_object()) {
        ApiError error;
        error.status = response.status;
        error.message = "The provider's answer is not the JSON object its API promises.";
        return error;
    }
    return parse(body);
}

}  // namespace tb::api
