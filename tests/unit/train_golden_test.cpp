#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "train_golden_cases.h"

// The native half of the cross-build check (train_golden_cases.h says what and why): the values this
// build computes must be the ones in train_golden_expected.json, which the WebAssembly build is held
// to as well (tests/browser/train_golden.test.mjs).

namespace {

nlohmann::json expected_values() {
    // Beside this file; CMake compiles it by its absolute path.
    const auto path = std::filesystem::path(__FILE__).parent_path() / "train_golden_expected.json";
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
    REQUIRE_FALSE(parsed.is_discarded());
    return parsed;
}

}  // namespace

TEST_CASE("train: hashes n-gram rows and trained models are the values the WebAssembly build gives", "[train]") {
    const nlohmann::json expected = expected_values();
    const nlohmann::json actual = tb::train_golden::golden();
    // Entry by entry, so a failure names the hash, text or model that differs.
    for (const auto& [section, entries] : expected.items()) {
        REQUIRE(actual.contains(section));
        for (const auto& [name, value] : entries.items()) {
            INFO(section << " / " << name);
            CHECK(actual[section].value(name, nlohmann::json()) == value);
        }
    }
    // Nothing computed that the file does not hold.
    CHECK(actual == expected);
}
