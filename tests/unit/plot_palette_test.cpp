#include <catch2/catch.hpp>

#include "core/plot/palette.h"

using namespace tb::plot;

TEST_CASE("every text colour keeps 4.5 : 1 on every background it is drawn on") {
    const Rgb inks[] = {palette::kText, palette::kTextDisabled, palette::kError, palette::kWarning, palette::kOk};
    const Rgb grounds[] = {palette::kWindowBg, palette::kChildBg, palette::kRowBgAlt, palette::kFrameBg};
    for (const Rgb& ink : inks) {
        for (const Rgb& ground : grounds) CHECK(contrast_ratio(ink, ground) >= 4.5);
    }
    // A progress bar's label lies over its filled part (the yellow of ImGui's default gave 1.6 : 1).
    CHECK(contrast_ratio(palette::kText, palette::kProgressFill) >= 4.5);
    CHECK(contrast_ratio(palette::kText, Rgb{0.90f, 0.70f, 0.0f}) < 2.0);
}

TEST_CASE("a frame's border stands out 3 : 1 where its fill does not") {
    // The fill alone is lost on a lighter row: that is why frames have borders.
    CHECK(contrast_ratio(palette::kFrameBg, palette::kRowBgAlt) < 1.1);
    for (const Rgb& ground : {palette::kChildBg, palette::kRowBgAlt, palette::kWindowBg}) {
        CHECK(contrast_ratio(palette::kFrameBorder, ground) >= 3.0);
    }
}
