#include "core/prompt/json_syntax.h"

#include <nlohmann/json.hpp>

namespace tb::prompt {

namespace {

using json = nlohmann::json;

// Accepts every event and keeps the first error: only the position and reason are wanted.
class ErrorFinder final : public nlohmann::json_sax<json> {
public:
    std::optional<JsonSyntaxError> error;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
        JsonSyntaxError found;
        found.offset = position > 0 ? position - 1 : 0;
        std::string_view reason = ex.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error …": the
        // caller gives its own position, so only the reason after the last ": " of the prefix is kept.
        if (const auto bracket = reason.find("] "); bracket != std::string_view::npos) reason.remove_prefix(bracket + 2);
        if (reason.starts_with("parse error")) {
            if (const auto colon = reason.find(": "); colon != std::string_view::npos) reason.remove_prefix(colon + 2);
        }
        found.reason = std::string(reason);
        error = std::move(found);
        return false;
    }
};

}  // namespace

std::optional<JsonSyntaxError> json_syntax_error(std::string_view text) {
    ErrorFinder finder;
    const bool ok = json::sax_parse(text.begin(), text.end(), &finder);
    if (ok) return std::nullopt;
    if (!finder.error) finder.error = JsonSyntaxError{text.size(), "not JSON"};
    return finder.error;
}

}  // namespace tb::prompt
