#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "core/map/layout_run.h"
#include "core/map/pca.h"
#include "core/map/refinement.h"

using namespace tb;

namespace {

// `n` rows of `dim` values: three clusters apart along the first two axes, with unit noise.
std::vector<float> clusters(std::size_t n, int dim, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::normal_distribution<float> noise(0.0f, 1.0f);
    std::vector<float> rows(n * static_cast<std::size_t>(dim));
    for (std::size_t i = 0; i < n; ++i) {
        for (int d = 0; d < dim; ++d) rows[i * static_cast<std::size_t>(dim) + static_cast<std::size_t>(d)] = noise(random);
        rows[i * static_cast<std::size_t>(dim)] += 20.0f * static_cast<float>(i % 3);
        rows[i * static_cast<std::size_t>(dim) + 1] += 10.0f * static_cast<float>((i / 3) % 2);
    }
    return rows;
}

}  // namespace

TEST_CASE("the layout: the PCA projection first, then the refinement, to the end", "[map]") {
    map::LayoutRun run(clusters(300, 10, 1), 10, 7);
    REQUIRE(run.refines());
    CHECK(run.positions().empty());
    CHECK(run.stage() == "projecting");
    double last = run.progress();
    std::uint64_t version = run.version();
    bool saw_pca = false;
    int steps = 0;
    while (!run.done() && steps++ < 1000000) {
        run.step();
        CHECK(run.progress() >= last);
        last = run.progress();
        if (!run.positions().empty() && !saw_pca) {
            saw_pca = true;
            CHECK(run.positions().size() == 600);
        }
        version = run.version();
    }
    REQUIRE(run.done());
    CHECK(saw_pca);
    CHECK(run.progress() == Approx(1.0));
    CHECK(run.stage() == "done");
    CHECK(version > 1);  // the PCA layout, then the refinement's moves
    REQUIRE(run.positions().size() == 600);
    for (float v : run.positions()) CHECK(std::isfinite(v));
}

TEST_CASE("past the refinement's limit the map is the PCA layout", "[map]") {
    const std::size_t n = map::kMaxRefinedRows + 1;
    std::vector<float> rows = clusters(n, 3, 2);
    const map::Projection expected = map::fit_pca(rows, 3, 2, 7);
    std::vector<float> projected(n * 2);
    map::project(expected, rows, 0, n, projected.data());

    map::LayoutRun run(std::move(rows), 3, 7);
    CHECK_FALSE(run.refines());
    while (!run.done()) run.step();
    REQUIRE(run.positions().size() == n * 2);
    CHECK(run.progress() == 1.0);
    CHECK(std::equal(projected.begin(), projected.end(), run.positions().begin()));
}

TEST_CASE("a layout of no rows is done at once and empty", "[map]") {
    map::LayoutRun run({}, 4, 7);
    run.step();
    CHECK(run.done());
    CHECK(run.positions().empty());
    CHECK(run.progress() == 1.0);
}
