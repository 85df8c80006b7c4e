#include <catch2/catch.hpp>

#include <cmath>

#include "core/eval/candidate.h"
#include "core/map/point_styles.h"
#include "core/workflow/embed_state.h"
#include "core/workflow/intents.h"
#include "core/workflow/map_rows.h"
#include "workflow_fixtures.h"

using namespace tb;
using namespace tb::workflow;

TEST_CASE("a point's style byte holds its colour, its part of the split and whether it is selected", "[map]") {
    for (std::uint8_t colour : {std::uint8_t{0}, std::uint8_t{11}, map::kNoColour}) {
        for (map::Role role : {map::Role::other, map::Role::training, map::Role::validation, map::Role::test}) {
            for (bool selected : {false, true}) {
                const std::uint8_t style = map::point_style(colour, role, selected);
                CHECK(map::style_colour(style) == colour);
                CHECK(map::style_role(style) == role);
                CHECK(map::style_selected(style) == selected);
            }
        }
    }
    CHECK(map::point_style(3, map::Role::test, true) == (3 | 3 << 5 | 128));
    CHECK(map::class_colour(-1) == map::kNoColour);
    CHECK(map::class_colour(11) == 11);
    CHECK(map::class_colour(12) == map::kNoColour);  // past the palette: grey, and the legend says so
    // The palette the shaders get is colour_of's, for every index.
    const std::array<float, 128> rgba = map::palette(map::ColourBy::right_wrong);
    CHECK(rgba[map::kRightColour * 4 + 1] == map::colour_of(map::ColourBy::right_wrong, map::kRightColour).g);
    CHECK(rgba[map::kWrongColour * 4] == map::colour_of(map::ColourBy::right_wrong, map::kWrongColour).r);
    CHECK(rgba[31 * 4 + 3] == 1.0f);
    // Right is blue and wrong vermilion: apart in hue and lightness for red-green colour blindness too.
    const plot::Rgb right = map::colour_of(map::ColourBy::right_wrong, map::kRightColour);
    const plot::Rgb wrong = map::colour_of(map::ColourBy::right_wrong, map::kWrongColour);
    CHECK(right.b > 0.6f);
    CHECK(right.r < 0.1f);
    CHECK(wrong.r > 0.8f);
    CHECK(wrong.b < 0.1f);
}

TEST_CASE("the map's points are the split's training, validation and test rows, in that order", "[map]") {
    const State state = with_split();
    const data::Split& split = state.data.dataset->split;
    const std::vector<MapPoint> points = split_points(split);
    REQUIRE(points.size() == 16);
    CHECK(points[0].role == map::Role::training);
    CHECK(points[8].role == map::Role::validation);
    CHECK(points[12].role == map::Role::test);
    CHECK(row_of(split, points[7]).row == 8);
    CHECK(row_of(split, points[8]).row == 9);
    CHECK(row_of(split, points[15]).row == 16);
}

TEST_CASE("the points' colours: true label, a candidate's answer, right or wrong, the selection", "[map]") {
    State state = with_split();
    REQUIRE(apply(state, AddCandidate{embeddings_draft(), {}}));
    eval::Evaluation& e = state.eval.evaluations[0];
    const data::Split& split = state.data.dataset->split;
    // Test rows 13..16 are A, B, A, B: answered B, B, an invalid answer, and none.
    e.answers[13].label = "B";
    e.answers[14].label = "B";
    e.answers[15].label = "";
    const std::vector<MapPoint> points = split_points(split);
    const std::vector<std::uint64_t> selected = {2, 14};

    const auto by_label = map_styles(state, points, nullptr, map::ColourBy::label, "", selected);
    REQUIRE(by_label.size() == points.size());
    CHECK(by_label[0] == map::point_style(0, map::Role::training, false));   // row 1: A
    CHECK(by_label[1] == map::point_style(1, map::Role::training, true));    // row 2: B, selected
    CHECK(by_label[8] == map::point_style(0, map::Role::validation, false)); // row 9: A
    CHECK(by_label[13] == map::point_style(1, map::Role::test, true));       // row 14: B, selected

    const auto by_answer = map_styles(state, points, nullptr, map::ColourBy::answer, e.id, {});
    CHECK(by_answer[0] == map::point_style(map::kNoColour, map::Role::training, false));  // not asked
    CHECK(by_answer[12] == map::point_style(1, map::Role::test, false));
    CHECK(by_answer[14] == map::point_style(map::kNoColour, map::Role::test, false));  // invalid
    CHECK(by_answer[15] == map::point_style(map::kNoColour, map::Role::test, false));  // no answer

    const auto right_wrong = map_styles(state, points, nullptr, map::ColourBy::right_wrong, e.id, {});
    CHECK(right_wrong[12] == map::point_style(map::kWrongColour, map::Role::test, false));  // A answered B
    CHECK(right_wrong[13] == map::point_style(map::kRightColour, map::Role::test, false));  // B answered B
    CHECK(right_wrong[14] == map::point_style(map::kWrongColour, map::Role::test, false));  // invalid is wrong
    CHECK(right_wrong[15] == map::point_style(map::kNoColour, map::Role::test, false));
}

TEST_CASE("the map's vectors: an embeddings candidate's held vectors, rows without one left out", "[map]") {
    State state = with_split();
    CHECK(map_sources(state).empty());
    REQUIRE(apply(state, AddCandidate{embeddings_draft(), {}}));
    CHECK(map_sources(state).empty());  // no vector held yet
    hold_every_vector(state, {"B 2"});
    const std::vector<MapSource> sources = map_sources(state);
    REQUIRE(sources.size() == 1);
    CHECK(sources[0].id == state.eval.evaluations[0].id);
    CHECK(sources[0].name == eval::candidate_name(state.eval.evaluations[0].candidate));

    MapVectors vectors(state, sources[0].id);
    REQUIRE(vectors.valid());
    REQUIRE(vectors.dims() == 3);
    const data::Split& split = state.data.dataset->split;
    float out[3] = {};
    REQUIRE(vectors.fill(split.train[0], out));  // "A 1": (1, 0, 3 % 7 / 7)
    CHECK(out[0] == 1.0f);
    CHECK(out[1] == 0.0f);
    CHECK(out[2] == Approx(3.0f / 7.0f));
    CHECK_FALSE(vectors.fill(split.train[1], out));  // "B 2" is not held
    CHECK_FALSE(MapVectors(state, "no such candidate").valid());
    CHECK_FALSE(MapVectors(state, kLocalMapSource).valid());  // no in-browser model
}

TEST_CASE("rows selected on the map: the explorer lists the selected test rows, clearing goes back to all", "[map]") {
    State state = with_split();
    REQUIRE(apply(state, AddCandidate{embeddings_draft(), {}}));
    state.eval.evaluations[0].answers[13].label = "A";
    REQUIRE(apply(state, SelectOnMap{{16, 2, 14, 14, 9}}));
    CHECK(state.eval.map_selection == std::vector<std::uint64_t>{2, 9, 14, 16});  // sorted, once each
    CHECK(state.eval.filter == eval::RowFilter::MapSelection);
    rebuild_reports(state.eval, &state.data.dataset->split, 0, {});
    // Test rows are 13..16: 14 and 16 are selected, at indices 1 and 3.
    CHECK(state.eval.shown_rows == std::vector<std::size_t>{1, 3});
    REQUIRE(apply(state, SelectOnMap{}));
    CHECK(state.eval.filter == eval::RowFilter::All);
    rebuild_reports(state.eval, &state.data.dataset->split, 0, {});
    CHECK(state.eval.shown_rows.size() == 4);
    // Another filter chosen since is kept when the selection is cleared.
    REQUIRE(apply(state, SelectOnMap{{14}}));
    REQUIRE(apply(state, SetRowFilter{eval::RowFilter::AnyWrong}));
    REQUIRE(apply(state, SelectOnMap{}));
    CHECK(state.eval.filter == eval::RowFilter::AnyWrong);
}
