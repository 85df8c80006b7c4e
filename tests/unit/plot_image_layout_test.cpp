#include <catch2/catch.hpp>

#include <vector>

#include "core/plot/image_layout.h"

using tb::plot::image_size;
using tb::plot::lay_out_image;

TEST_CASE("an exported chart is 16:10 and as wide as 64 lines of text are high") {
    CHECK(image_size(15).width == 960);
    CHECK(image_size(15).height == 600);
    CHECK(image_size(30).width == 1920);  // a 2x display: twice the pixels, the same look
    CHECK(image_size(30).height == 1200);
    // Held to the texture limit, still 16:10.
    CHECK(image_size(100, 4096).width == 4096);
    CHECK(image_size(100, 4096).height == 2560);
}

TEST_CASE("an exported chart's legend flows in lines between the title and the chart") {
    // 15 px font: padding 23 (1.5 em, rounded), lines 21 apart, entries 23 apart.
    const std::vector<double> widths = {300, 300, 300, 100};
    const auto layout = lay_out_image(image_size(15), 15, widths);
    CHECK(layout.title.x == 23);
    CHECK(layout.title.y == 23);
    // Title 20 px (1.3 em) high and 11 px below it, the first legend line.
    REQUIRE(layout.legend.size() == 4);
    CHECK(layout.legend[0].x == 23);
    CHECK(layout.legend[0].y == 54);
    CHECK(layout.legend[1].x == 23 + 300 + 23);
    CHECK(layout.legend[1].y == 54);
    // The third would end at 669 + 300 > 960 - 23: it starts the next line.
    CHECK(layout.legend[2].x == 23);
    CHECK(layout.legend[2].y == 75);
    CHECK(layout.legend[3].x == 23 + 300 + 23);
    CHECK(layout.legend[3].y == 75);
    // The chart starts below the last legend line (75 + 21 + 6) and ends above the footer.
    CHECK(layout.chart.x0 == 23);
    CHECK(layout.chart.x1 == 960 - 23);
    CHECK(layout.chart.y0 == 102);
    CHECK(layout.footer.y == 600 - 23 - 15);
    CHECK(layout.chart.y1 == layout.footer.y - 12);
}

TEST_CASE("an entry wider than the image still gets a line of its own, and no legend leaves the room to the chart") {
    const std::vector<double> widths = {2000, 50};
    const auto layout = lay_out_image(image_size(15), 15, widths);
    CHECK(layout.legend[0].y == 54);
    CHECK(layout.legend[1].y == 75);
    const auto bare = lay_out_image(image_size(15), 15, {});
    CHECK(bare.legend.empty());
    CHECK(bare.chart.y0 == 54);
}
