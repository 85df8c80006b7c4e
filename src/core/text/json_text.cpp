#include "core/text/json_text.h"

#include <algorithm>

namespace tb::text {

namespace {

using nlohmann::json;

// nlohmann's own DOM builder, behind a counter of open objects and arrays: its parser is a loop, not a
// recursion, so stopping at the limit keeps both the reading and the result shallow.
class BoundedDom {
public:
    BoundedDom(json& result, std::size_t max_depth) : dom_(result, /*allow_exceptions=*/false), max_depth_(max_depth) {}

    bool null() { return dom_.null(); }
    bool boolean(bool value) { return dom_.boolean(value); }
    bool number_integer(json::number_integer_t value) { return dom_.number_integer(value); }
    bool number_unsigned(json::number_unsigned_t value) { return dom_.number_unsigned(value); }
    bool number_float(json::number_float_t value, const json::string_t& text) { return dom_.number_float(value, text); }
    bool string(json::string_t& value) { return dom_.string(value); }
    bool binary(json::binary_t& value) { return dom_.binary(value); }
    bool start_object(std::size_t size) { return open() && dom_.start_object(size); }
    bool key(json::string_t& value) { return dom_.key(value); }
    bool end_object() { return close() && dom_.end_object(); }
    bool start_array(std::size_t size) { return open() && dom_.start_array(size); }
    bool end_array() { return close() && dom_.end_array(); }
    bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& ex) {
        error_at_ = position;
        return dom_.parse_error(position, token, ex);
    }

    bool too_deep() const { return too_deep_; }
    // The byte just past where reading stopped: 1-based, as nlohmann counts it.
    std::size_t error_at() const { return error_at_; }

private:
    bool open() {
        if (++depth_ <= max_depth_) return true;
        too_deep_ = true;
        return false;
    }
    bool close() {
        --depth_;
        return true;
    }

    nlohmann::detail::json_sax_dom_parser<json> dom_;
    std::size_t max_depth_;
    std::size_t depth_ = 0;
    bool too_deep_ = false;
    std::size_t error_at_ = 0;
};

// "line 3, column 7" of a byte offset, for people (columns in bytes: good enough to find the place).
std::string place_of(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    const std::string_view before = text.substr(0, offset);
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t line_start = before.rfind('\n');
    const std::size_t column = offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

ParsedJson parse_json(std::string_view text, std::size_t max_depth) {
    ParsedJson parsed;
    BoundedDom dom(parsed.value, max_depth);
    const bool ok = json::sax_parse(text.begin(), text.end(), &dom);
    if (ok) return parsed;
    parsed.value = json(json::value_t::discarded);
    if (dom.too_deep()) {
        parsed.problem = "it is nested deeper than " + std::to_string(max_depth) + " levels, the most Tuneboard reads";
    } else {
        parsed.problem = "it is not valid JSON (" + place_of(text, dom.error_at() > 0 ? dom.error_at() - 1 : 0) + ")";
    }
    return parsed;
}

std::string dump_json(const nlohmann::json& json, int indent) {
    return json.dump(indent, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

}  // namespace tb::text
