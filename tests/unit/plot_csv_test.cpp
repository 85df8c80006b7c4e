#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <vector>

#include "core/plot/csv_export.h"

using namespace tb::plot;

TEST_CASE("plot csv: series export in long format, one point a line") {
    const std::vector<Series> series = {{"ft-1", "Train loss", {{1, 2.5}, {2, 0.1}}},
                                        {"ft-2", "Valid accuracy", {{10, NAN}}}};
    CHECK(series_csv(series) ==
          "run,series,step,value\n"
          "ft-1,Train loss,1,2.5\n"
          "ft-1,Train loss,2,0.1\n"
          "ft-2,Valid accuracy,10,NaN\n");
    CHECK(series_csv({}) == "run,series,step,value\n");
}

TEST_CASE("plot csv: names with commas, quotes and line breaks are quoted") {
    const std::vector<Series> series = {{"a,b", "say \"hi\"\nthere", {{0, 1}}}};
    CHECK(series_csv(series) == "run,series,step,value\n\"a,b\",\"say \"\"hi\"\"\nthere\",0,1\n");
}

TEST_CASE("plot csv: numbers are the shortest text that reads back exactly") {
    CHECK(exact_number(0.1) == "0.1");
    CHECK(exact_number(12000) == "12000");
    CHECK(exact_number(-0.0) == "0");
    CHECK(exact_number(INFINITY) == "inf");
    for (double v : {0.1 + 0.2, 1.0 / 3, 6.02214076e23, 4.9e-324, -123.456e-7}) {
        CHECK(std::strtod(exact_number(v).c_str(), nullptr) == v);
    }
    CHECK(exact_number(0.1 + 0.2) == "0.30000000000000004");
}
