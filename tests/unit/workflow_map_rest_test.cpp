#include <catch2/catch.hpp>

#include <string>

#include "core/embed/vector_requests.h"
#include "core/map/pca.h"
#include "core/map/refinement.h"
#include "core/workflow/embed_state.h"
#include "core/workflow/intents.h"
#include "core/workflow/map_rest.h"
#include "workflow_fixtures.h"

using namespace tb;
using namespace tb::workflow;

namespace {

// An embeddings candidate holding the split's vectors (hold_every_vector) and these texts' too.
State with_held(const std::vector<std::pair<std::string, std::vector<float>>>& more) {
    State state = with_split();
    REQUIRE(apply(state, AddCandidate{embeddings_draft(), {}}));
    hold_every_vector(state);
    SpaceVectors& vectors = space_vectors(state, state.eval.evaluations[0].candidate);
    std::string error;
    for (const auto& [text, vector] : more) REQUIRE(vectors.store.add(embed::text_key(embed::embedded_text(text)), vector, error));
    return state;
}

}  // namespace

TEST_CASE("the file's other rows: split rows skipped, each other row's number, label, text and vector held", "[map]") {
    const std::string long_text = "A " + std::string(1000, 'x');
    const State state = with_held({{"A 100", {1, 0, 0.5f}}, {"B 101", {0, 1, 0.25f}}, {long_text, {1, 0, 1}}});
    const std::string source = state.eval.evaluations[0].id;
    MapRestGatherer gatherer(state.data.dataset->split, MapVectors(state, source), nullptr);
    gatherer.add(3, "A", "A 3");        // a split row: on the map already
    gatherer.add(100, "A", "A 100");
    gatherer.add(101, "B", "B 101");
    gatherer.add(102, "C", "C 102");    // no vector held
    gatherer.add(103, "A", long_text);
    gatherer.add(104, "A", "");         // no text, no vector
    const MapRest& rest = gatherer.rest();
    CHECK(rest.rows == std::vector<std::uint64_t>{100, 101, 103});
    CHECK(rest.names == std::vector<std::string>{"A", "B"});
    CHECK(rest.labels == std::vector<std::uint16_t>{0, 1, 0});
    CHECK(rest.counts == std::vector<std::uint64_t>{2, 1});
    CHECK(rows_outside(rest, {"A", "B"}) == 0);
    CHECK(rows_outside(rest, {"B"}) == 2);  // the two A rows: a class this split leaves out
    CHECK(rest.without_vector == 2);
    REQUIRE(rest.texts.size() == 3);
    CHECK(rest.texts[0] == "A 100");
    CHECK(rest.texts[2] == long_text.substr(0, kRestTextBytes));
    CHECK(rest.vectors == std::vector<float>{1, 0, 0.5f, 0, 1, 0.25f, 1, 0, 1});
    CHECK(rest.places.empty());

    // The rows as the map reads them: split rows from the split, the rest from the MapRest.
    const data::Split& split = state.data.dataset->split;
    const MapRow other = map_row(split, &rest, 0, {map::Role::other, 1});
    CHECK(other.row == 101);
    CHECK(other.label == "B");
    CHECK(other.text == "B 101");
    const MapRow test = map_row(split, &rest, 0, {map::Role::test, 0});
    CHECK(test.row == 13);
    CHECK(test.label == "A");
    CHECK(test.text == "A 13");
    CHECK(map_row(split, nullptr, 0, {map::Role::other, 0}).row == 0);  // no rest read: nothing
    // A selection's points, by row number whatever their order on the map: rows 101 (rest), 13 (test).
    const std::vector<MapPoint> on_map = {{map::Role::other, 1}, {map::Role::test, 0}, {map::Role::other, 0}};
    CHECK(points_of_rows(split, &rest, on_map, std::vector<std::uint64_t>{13, 101, 555}) == std::vector<std::uint32_t>{1, 0});

    // Coloured by true label, the rest too; a rest row can be selected.
    const std::vector<MapPoint> points = {{map::Role::other, 0}, {map::Role::other, 1}, {map::Role::test, 1}};
    const std::vector<std::uint64_t> selected = {101};
    const auto styles = map_styles(state, points, &rest, map::ColourBy::label, "", selected);
    CHECK(styles == std::vector<std::uint8_t>{map::point_style(0, map::Role::other, false),
                                              map::point_style(1, map::Role::other, true),
                                              map::point_style(1, map::Role::test, false)});
}

TEST_CASE("a file of more rows than the refinement takes: each other row projected as read, no text kept", "[map]") {
    const State state = with_held({{"A 100", {1, 0, 0.5f}}, {"B 101", {0, 1, 0.25f}}});
    const std::vector<float> split_vectors = {1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0.5f, 0.5f, 0};
    const map::Projection projection = map::fit_pca(split_vectors, 3, 2, 7);
    MapRestGatherer gatherer(state.data.dataset->split, MapVectors(state, state.eval.evaluations[0].id), &projection);
    gatherer.add(100, "A", "A 100");
    gatherer.add(101, "B", "B 101");
    const MapRest& rest = gatherer.rest();
    CHECK(rest.rows == std::vector<std::uint64_t>{100, 101});
    CHECK(rest.texts.empty());
    CHECK(rest.vectors.empty());
    const std::vector<float> vectors = {1, 0, 0.5f, 0, 1, 0.25f};
    std::vector<float> expected(4);
    map::project(projection, vectors, 0, 2, expected.data());
    CHECK(rest.places == expected);
    // The one test the map's regime turns on.
    CHECK_FALSE(map_projects_as_read(map::kMaxRefinedRows));
    CHECK(map_projects_as_read(map::kMaxRefinedRows + 1));
}

TEST_CASE("the file's other rows need the file open: after a reload the map says to open it again", "[map]") {
    const State state = with_split();  // no loader: as after a reload
    CHECK(map_rest_unavailable_because(state) ==
          "Open tiny.csv again to see its other rows on the map: after a reload the page keeps only the split's rows.");
    CHECK(map_rest_unavailable_because(State{}) == "Open a dataset first.");
}
