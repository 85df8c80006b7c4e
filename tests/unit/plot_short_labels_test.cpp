#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/plot/short_labels.h"

using tb::plot::short_labels;

namespace {
// A label fits when it has at most `n` characters (the ellipsis counts as one).
auto at_most(std::size_t n) {
    return [n](std::string_view label) {
        std::size_t characters = 0;
        for (const char c : label) characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        return characters <= n;
    };
}
const std::vector<std::string> kCfpb = {
    "Checking or savings account", "Credit card or prepaid card",
    "Credit reporting, credit repair services, or other personal consumer reports", "Debt collection", "Mortgage",
    "Student loan"};
}  // namespace

TEST_CASE("names that fit stay whole") {
    CHECK(short_labels(kCfpb, at_most(200)) == kCfpb);
    CHECK(short_labels({"Mortgage", "Debt collection"}, at_most(15)) ==
          std::vector<std::string>{"Mortgage", "Debt collection"});
}

TEST_CASE("long names keep as many leading words as fit, and enough to tell them apart") {
    CHECK(short_labels(kCfpb, at_most(20)) ==
          std::vector<std::string>{"Checking or savings…", "Credit card or…", "Credit reporting…", "Debt collection",
                                   "Mortgage", "Student loan"});
    // Narrower: the two "Credit" names keep their second word, cut to fit if need be; the others need one.
    CHECK(short_labels(kCfpb, at_most(12)) ==
          std::vector<std::string>{"Checking or…", "Credit card…", "Credit repo…", "Debt…", "Mortgage", "Student loan"});
}

TEST_CASE("too narrow for the words that tell names apart: cut letters, or number them all") {
    CHECK(short_labels({"Credit card", "Credit reporting"}, at_most(9)) ==
          std::vector<std::string>{"Credit c…", "Credit r…"});
    // At 7 characters both become "Credit…": numbers instead of two labels that read the same.
    CHECK(short_labels({"Credit card", "Credit reporting"}, at_most(7)) == std::vector<std::string>{"1", "2"});
}

TEST_CASE("a cut never splits a multi-byte letter") {
    const auto labels = short_labels({"Prêt étudiant remboursé", "Hypothèque"}, at_most(4));
    CHECK(labels[0] == "Prê…");
    CHECK(labels[1] == "Hyp…");
}
