// The term table the linear model looks its words up in (src/core/linear/term_table.h).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/linear/term_table.h"

using tb::linear::TermTable;

TEST_CASE("every term is found at its column, and nothing else is") {
    std::vector<std::string> terms;
    for (int i = 0; i < 5000; ++i) terms.push_back("w" + std::to_string(i * 7919 % 100003));
    TermTable table;
    REQUIRE(table.build(terms, 0, terms.size()));
    CHECK(table.size() == terms.size());
    for (std::size_t i = 0; i < terms.size(); ++i) CHECK(table.find(terms[i], terms) == static_cast<std::int32_t>(i));
    CHECK(table.find("w", terms) == -1);
    CHECK(table.find("", terms) == -1);
    CHECK(table.find("w1x", terms) == -1);
    CHECK(table.find("absent", terms) == -1);
}

TEST_CASE("a block of the terms is indexed with the terms' own columns") {
    const std::vector<std::string> terms = {"card", "loan", " ca", "car", "loan"};  // a word may recur as a gram
    TermTable words, grams;
    REQUIRE(words.build(terms, 0, 2));
    REQUIRE(grams.build(terms, 2, 5));
    CHECK(words.find("loan", terms) == 1);
    CHECK(grams.find("loan", terms) == 4);
    CHECK(grams.find("car", terms) == 3);
    CHECK(words.find("car", terms) == -1);
}

TEST_CASE("a term twice in a block is refused, an empty block finds nothing") {
    const std::vector<std::string> terms = {"late", "fee", "late"};
    TermTable table;
    CHECK_FALSE(table.build(terms, 0, 3));
    REQUIRE(table.build(terms, 0, 0));
    CHECK(table.size() == 0);
    CHECK(table.find("late", terms) == -1);
}
