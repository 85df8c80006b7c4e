#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tb::csv {

// The file's first record: the column names, unquoted, with invalid UTF-8 replaced.
class Header {
public:
    Header() = default;
    explicit Header(std::vector<std::string> names) : names_(std::move(names)) {}

    const std::vector<std::string>& names() const { return names_; }
    std::size_t size() const { return names_.size(); }
    bool empty() const { return names_.empty(); }
    const std::string& operator[](std::size_t column) const { return names_[column]; }

    // The first column named exactly `name`.
    std::optional<std::size_t> find_exact(std::string_view name) const;
    // The exact match if there is one, else the first column whose name equals `name` once both have
    // surrounding whitespace trimmed and ASCII letters compared without case ("ZIP code " finds
    // "Zip Code"). Exports of the same data differ in exactly these ways.
    std::optional<std::size_t> find(std::string_view name) const;

private:
    std::vector<std::string> names_;
};

// `text` without leading and trailing ASCII whitespace.
std::string_view trim_ascii(std::string_view text);

// Whether two strings are equal when ASCII letters are compared without case.
bool equals_ignoring_ascii_case(std::string_view a, std::string_view b);

}  // namespace tb::csv
