#include <catch2/catch.hpp>

#include "core/plot/colour.h"
#include "core/plot/heatmap.h"

using namespace tb::plot;

TEST_CASE("contrast ratios are WCAG 2's") {
    const Rgb white{1, 1, 1}, black{0, 0, 0}, grey{119 / 255.0f, 119 / 255.0f, 119 / 255.0f};
    CHECK(contrast_ratio(white, black) == Approx(21.0));
    CHECK(contrast_ratio(black, white) == Approx(21.0));
    CHECK(contrast_ratio(grey, grey) == Approx(1.0));
    CHECK(contrast_ratio(grey, white) == Approx(4.48).margin(0.01));  // #777 on white, just short of 4.5
    CHECK(relative_luminance({1, 0, 0}) == Approx(0.2126));
}

TEST_CASE("the legible ink is the one with more contrast") {
    const Rgb light{0.9f, 0.9f, 0.9f}, dark{0.05f, 0.05f, 0.05f};
    CHECK(legible_ink({0.1f, 0.1f, 0.1f}, light, dark).r == light.r);
    CHECK(legible_ink({0.95f, 0.9f, 0.5f}, light, dark).r == dark.r);
}

TEST_CASE("mixing in Oklab runs from one end to the other") {
    const Rgb a{0.18f, 0.19f, 0.23f}, b{0.36f, 0.62f, 0.98f};
    const Rgb start = mix_oklab(a, b, 0), end = mix_oklab(a, b, 1), middle = mix_oklab(a, b, 0.5f);
    CHECK(start.r == Approx(a.r).margin(1e-3));
    CHECK(start.b == Approx(a.b).margin(1e-3));
    CHECK(end.g == Approx(b.g).margin(1e-3));
    CHECK(end.b == Approx(b.b).margin(1e-3));
    // Lighter than the dark end, darker than the light one.
    CHECK(relative_luminance(middle) > relative_luminance(a));
    CHECK(relative_luminance(middle) < relative_luminance(b));
}

TEST_CASE("the confusion map's counts keep 4.5 : 1 on every cell, right or wrong, and wrong cells differ from right ones") {
    const HeatmapScheme scheme;
    for (int i = 0; i <= 100; ++i) {
        for (const bool diagonal : {true, false}) {
            const Rgb cell = cell_colour(scheme, diagonal, i / 100.0);
            INFO("share " << i << " % diagonal " << diagonal);
            CHECK(contrast_ratio(cell, cell_ink(scheme, cell)) >= 4.5);
        }
    }
    // The same share reads in different hues on and off the diagonal: blue against orange.
    const Rgb right = cell_colour(scheme, true, 0.5), wrong = cell_colour(scheme, false, 0.5);
    CHECK(right.b > right.r);
    CHECK(wrong.r > wrong.b);
    // An empty cell is the same on and off it (nothing to tell apart).
    CHECK(cell_colour(scheme, true, 0).r == Approx(cell_colour(scheme, false, 0).r).margin(1e-3));
}
