#include <catch2/catch.hpp>

#include "core/text/format.h"

using namespace tb::text;

TEST_CASE("numbers get thousands separators") {
    CHECK(with_commas(0) == "0");
    CHECK(with_commas(999) == "999");
    CHECK(with_commas(1000) == "1,000");
    CHECK(with_commas(1234567) == "1,234,567");
    CHECK(with_commas(18446744073709551615ull) == "18,446,744,073,709,551,615");
}

TEST_CASE("sizes use decimal units") {
    CHECK(format_bytes(812) == "812 B");
    CHECK(format_bytes(3191463) == "3.2 MB");
    CHECK(format_bytes(6410000000ull) == "6.41 GB");
}

TEST_CASE("file names keep only what every system accepts") {
    CHECK(safe_file_name("ft:gpt-4o-mini:org::abc-loss.png") == "ft-gpt-4o-mini-org--abc-loss.png");
    CHECK(safe_file_name("a/b\\c d.csv") == "a-b-c-d.csv");
}

TEST_CASE("durations read naturally") {
    CHECK(format_duration(0.42) == "0.4 s");
    CHECK(format_duration(12.7) == "12 s");
    CHECK(format_duration(185) == "3 min 05 s");
    CHECK(format_duration(3720) == "1 h 02 min");
    CHECK(format_duration(-1) == "–");
}
