#include <catch2/catch.hpp>

#include <string>

#include "core/csv/dialect.h"
#include "core/csv/header.h"

using namespace tb::csv;

TEST_CASE("columns are found by exact name first, then trimmed and without ASCII case") {
    const Header header({"Date received", "Product", " ZIP code ", "product", "Complaint ID", "Company"});
    CHECK(header.find_exact("Product") == 1u);
    CHECK(header.find("Product") == 1u);
    CHECK(header.find("product") == 3u);  // an exact match wins over an earlier loose one
    CHECK(header.find("PRODUCT") == 1u);
    CHECK(header.find("zip CODE") == 2u);
    CHECK(header.find("  complaint id\t") == 4u);
    CHECK_FALSE(header.find_exact("zip code").has_value());
    CHECK_FALSE(header.find("Consumer disputed?").has_value());
    CHECK_FALSE(header.find("Compan").has_value());
    CHECK_FALSE(Header().find("Product").has_value());
}

TEST_CASE("the loose match leaves non-ASCII letters alone") {
    const Header header({"Catégorie", "ÉTAT"});
    CHECK(header.find("catégorie") == 0u);
    CHECK_FALSE(header.find("état").has_value());
    CHECK(trim_ascii("  a b \r\n") == "a b");
    CHECK(trim_ascii("   ").empty());
    CHECK(equals_ignoring_ascii_case("Timely response?", "TIMELY RESPONSE?"));
    CHECK_FALSE(equals_ignoring_ascii_case("abc", "abd"));
}

TEST_CASE("the delimiter is the most frequent of comma, semicolon and tab outside quotes") {
    CHECK(detect_delimiter("a,b,c\n1;2;3;4;5;6\n") == ',');  // only the first line counts
    CHECK(detect_delimiter("a;b;c\r\n") == ';');
    CHECK(detect_delimiter("Date\tProduct\tNarrative, long\n") == '\t');
    CHECK(detect_delimiter("\"a;b;c\",d\n") == ',');  // inside quotes does not count
    CHECK(detect_delimiter("\"name, with comma\";other\n") == ';');
    CHECK(detect_delimiter("\"a\nb,c,d\";e\n") == ';');  // a quoted line break is not the line's end
    CHECK(detect_delimiter("a;b,c\td\n") == ',');        // a tie goes to the comma
    CHECK(detect_delimiter("text\n") == ',');            // none: one column, comma by default
    CHECK(detect_delimiter("") == ',');
}
