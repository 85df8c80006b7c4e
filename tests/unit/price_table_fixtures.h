#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <variant>

#include <catch2/catch.hpp>

#include "core/prompt/price_table.h"

// A table the test expects to parse, and one it expects to be refused.
inline tb::prompt::PriceTable parsed(const std::string& text) {
    auto result = tb::prompt::parse_price_table(text);
    if (auto* error = std::get_if<tb::prompt::PriceTableError>(&result)) FAIL(error->message);
    return std::get<tb::prompt::PriceTable>(result);
}

inline tb::prompt::PriceTableError parse_error(const std::string& text) {
    auto result = tb::prompt::parse_price_table(text);
    REQUIRE(std::holds_alternative<tb::prompt::PriceTableError>(result));
    return std::get<tb::prompt::PriceTableError>(result);
}

// The table the app compiles in, assets/fine_tuning_prices.json, read from the repository.
inline tb::prompt::PriceTable bundled_table() {
    const auto path = std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "assets" / "fine_tuning_prices.json";
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    return parsed(text.str());
}
