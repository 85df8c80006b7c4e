#include <catch2/catch.hpp>

#include <cmath>

#include "core/train/scores.h"
#include "core/train/training_run.h"
#include "train_fixtures.h"

using namespace tb::train;

namespace {

TrainingRun toy_run(const Labelled& train, const Labelled& validation, int checks = 4) {
    return TrainingRun(train.texts, train.labels, validation.texts, validation.labels, kClasses, toy_hp(), checks);
}

}  // namespace

TEST_CASE("training run: validation is scored at the start, then checks times an epoch", "[train]") {
    const Labelled train = toy_set(300, 1), validation = toy_set(90, 3);
    TrainingRun run = toy_run(train, validation);
    std::size_t steps = 0;
    double last_progress = -1;
    while (!run.done()) {
        REQUIRE(run.step(50) > 0);
        CHECK(run.progress() >= last_progress);
        last_progress = run.progress();
        ++steps;
    }
    CHECK(run.progress() == 1.0);
    CHECK(run.step(50) == 0);
    const auto& points = run.validation_curve();
    REQUIRE(points.size() == 4 * 4 + 1);
    // Before any update every class is equally likely: the loss is log 3 and the first class wins.
    CHECK(points.front().progress == 0.0);
    CHECK(points.front().loss == Approx(std::log(3.0)).epsilon(1e-6));
    CHECK(points.front().rows == 90);
    for (std::size_t i = 1; i < points.size(); ++i) CHECK(points[i].progress > points[i - 1].progress);
    // Every fourth check is an epoch's end.
    for (int epoch = 1; epoch <= 4; ++epoch) CHECK(points[static_cast<std::size_t>(epoch * 4)].epoch == epoch);
    CHECK(points.back().progress == Approx(1.0));
    // The last check scores the final model, exactly as score() does.
    const Scores final_scores = score(run.trainer().model(), validation.texts, validation.labels);
    CHECK(points.back().accuracy == final_scores.accuracy);
    CHECK(points.back().loss == final_scores.loss);
    CHECK(points.back().accuracy == 1.0);
    CHECK(points.back().loss < points.front().loss / 4);
}

TEST_CASE("training run: the checks do not change the model, however the work is sliced", "[train]") {
    const Labelled train = toy_set(200, 4), validation = toy_set(60, 5);
    Trainer alone(train.texts, train.labels, kClasses, toy_hp());
    while (!alone.done()) alone.step(1000);
    for (const std::size_t slice : {1u, 7u, 5000u}) {
        TrainingRun run = toy_run(train, validation, 3);
        while (!run.done()) run.step(slice);
        CHECK(run.trainer().model().save() == alone.model().save());
        CHECK(run.validation_curve().size() == 4 * 3 + 1);
    }
}

TEST_CASE("training run: no validation rows, more checks than rows, bad inputs", "[train]") {
    const Labelled train = toy_set(30, 6);
    TrainingRun unscored = toy_run(train, Labelled{});
    while (!unscored.done()) unscored.step(10);
    CHECK(unscored.validation_curve().empty());
    CHECK(unscored.trainer().loss_curve().size() > 4);

    // Two rows and eight checks an epoch: a check after each row, never two at the same point.
    const Labelled two = toy_set(2, 7), validation = toy_set(6, 8);
    TrainingRun tiny = toy_run(two, validation, 8);
    while (!tiny.done()) tiny.step(1);
    CHECK(tiny.validation_curve().size() == 4 * 2 + 1);

    Labelled broken = toy_set(10, 9);
    broken.labels[3] = 7;
    TrainingRun failed = toy_run(broken, validation);
    CHECK(failed.done());
    CHECK(failed.error().find("text 3") != std::string::npos);
    CHECK(failed.step(10) == 0);
    CHECK(failed.validation_curve().empty());
}
