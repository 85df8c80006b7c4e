#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/data/hashing.h"
#include "core/train/random.h"
#include "core/train/scores.h"
#include "core/train/trainer.h"
#include "train_fixtures.h"

using namespace tb::train;

namespace {

std::vector<std::uint8_t> train_bytes(const Labelled& set, const Hyperparameters& hp, std::size_t slice) {
    Trainer trainer(set.texts, set.labels, kClasses, hp);
    while (!trainer.done()) trainer.step(slice);
    return trainer.model().save();
}

}  // namespace

TEST_CASE("train: a separable toy set is learned to 100 %", "[train]") {
    const Labelled train = toy_set(300, 1);
    const Labelled held_out = toy_set(150, 2);
    Trainer trainer(train.texts, train.labels, kClasses, toy_hp());
    REQUIRE(trainer.error().empty());
    while (!trainer.done()) trainer.step(64);
    const Scores on_train = score(trainer.model(), train.texts, train.labels);
    const Scores on_held_out = score(trainer.model(), held_out.texts, held_out.labels);
    CHECK(on_train.rows == 300);
    CHECK(on_train.accuracy == 1.0);
    CHECK(on_held_out.accuracy == 1.0);
    CHECK(on_held_out.loss < 0.2);
}

TEST_CASE("train: the same seed trains the same weights, however the work is sliced", "[train]") {
    const Labelled set = toy_set(120, 3);
    const auto whole = train_bytes(set, toy_hp(), 1000000);
    CHECK(train_bytes(set, toy_hp(), 1000000) == whole);
    CHECK(train_bytes(set, toy_hp(), 1) == whole);
    CHECK(train_bytes(set, toy_hp(), 7) == whole);
    Hyperparameters other = toy_hp();
    other.seed = 2;
    CHECK(train_bytes(set, other, 1000000) != whole);
}

// The hash of the blob of a fixed run, the same from g++ natively (with and without the sanitizers, -O3)
// and from Emscripten with -msimd128: a change means a platform, a compiler or a change in the
// arithmetic now trains another model from the same seed. Change it only on purpose.
TEST_CASE("train: a fixed run gives the same model on every platform", "[train]") {
    const Labelled set = toy_set(90, 4);
    Hyperparameters hp = toy_hp();
    hp.minn = 2;
    hp.maxn = 3;
    const auto bytes = train_bytes(set, hp, 50);
    const std::string_view view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    CHECK(bytes.size() == 201774);
    CHECK(tb::data::hash_text(view) == 0xF110465E0E0E4228ull);
}

TEST_CASE("train: steps stop at each epoch's end, and progress, rate and curve follow", "[train]") {
    const Labelled set = toy_set(100, 5);
    Hyperparameters hp = toy_hp();
    hp.epochs = 3;
    Trainer trainer(set.texts, set.labels, kClasses, hp);
    CHECK(trainer.examples_total() == 300);
    CHECK(trainer.phase() == Trainer::Phase::Reading);
    CHECK(trainer.model().empty());

    // Preparing: each phase ends a step, and the work is counted in units.
    CHECK(trainer.step(60) == 60);
    CHECK(trainer.preparation() == Approx(0.6 / 3));
    CHECK(trainer.step(1000) == 40);
    CHECK(trainer.phase() == Trainer::Phase::Encoding);
    CHECK_FALSE(trainer.model().empty());
    CHECK(trainer.step(1000) == 100);
    CHECK(trainer.phase() == Trainer::Phase::Initialising);
    const std::size_t rows = static_cast<std::size_t>(trainer.model().dictionary().input_rows());
    CHECK(trainer.step(1000000) == (rows + 101) / 102);  // 1,024 weights a unit: 102 rows of 10
    CHECK(trainer.phase() == Trainer::Phase::Training);
    CHECK(trainer.preparation() == 1.0);
    CHECK(trainer.examples_done() == 0);
    CHECK(trainer.epoch() == 0);
    CHECK(trainer.progress() == 0);
    CHECK(trainer.learning_rate() == hp.lr);
    CHECK(trainer.average_loss() == 0);

    CHECK(trainer.step(60) == 60);
    CHECK(trainer.progress() > 0.1);
    CHECK(trainer.progress() < 0.3);
    CHECK(trainer.learning_rate() == Approx(hp.lr * (1 - trainer.progress())));
    CHECK(trainer.step(60) == 40);  // the rest of epoch 0
    CHECK(trainer.epoch() == 1);
    CHECK(trainer.progress() == Approx(1.0 / 3));
    const double first_epoch = trainer.average_loss();
    CHECK(first_epoch > 0);
    while (!trainer.done()) trainer.step(1000);
    CHECK(trainer.epoch() == 3);
    CHECK(trainer.progress() == 1.0);
    CHECK(trainer.examples_done() == 300);
    CHECK(trainer.step(10) == 0);
    CHECK(trainer.average_loss() < first_epoch);

    // A point every window and at each epoch's end; windows never span epochs.
    const auto& curve = trainer.loss_curve();
    REQUIRE(trainer.loss_window() == 2);
    CHECK(curve.size() == 150);
    std::size_t examples = 0;
    for (std::size_t i = 0; i < curve.size(); ++i) {
        examples += curve[i].examples;
        if (i > 0) CHECK(curve[i].progress > curve[i - 1].progress);
        CHECK(curve[i].epoch == static_cast<int>(i / 50));
    }
    CHECK(examples == 300);
    CHECK(curve.back().progress == 1.0);
    CHECK(curve.back().train_loss < curve.front().train_loss);

    CHECK(trainer.phase() == Trainer::Phase::Done);
    const Model model = trainer.take_model();
    CHECK(model.class_count() == 3);
    CHECK(trainer.model().empty());
}

TEST_CASE("train: bad inputs make a trainer that is done at once and says why", "[train]") {
    const Labelled set = toy_set(10, 6);
    const auto error_of = [&](const std::vector<std::string>& texts, const std::vector<int>& labels,
                              const std::vector<std::string>& classes, const Hyperparameters& hp) {
        Trainer trainer(texts, labels, classes, hp);
        while (!trainer.done()) trainer.step(1000);  // the table's size is known once the texts are read
        CHECK(trainer.step(10) == 0);
        CHECK(trainer.model().empty());
        CHECK(trainer.preparation() == 0);
        return trainer.error();
    };
    CHECK_THAT(error_of(set.texts, {0, 1}, kClasses, toy_hp()), Catch::Contains("10 texts but 2 labels"));
    CHECK_THAT(error_of({}, {}, kClasses, toy_hp()), Catch::Contains("no training texts"));
    CHECK_THAT(error_of(set.texts, set.labels, {}, toy_hp()), Catch::Contains("no classes"));
    std::vector<int> labels = set.labels;
    labels[4] = 3;
    CHECK_THAT(error_of(set.texts, labels, kClasses, toy_hp()), Catch::Contains("text 4 (3)"));
    Hyperparameters hp = toy_hp();
    hp.dim = 0;
    CHECK_THAT(error_of(set.texts, set.labels, kClasses, hp), Catch::Contains("dim"));
    hp = toy_hp();
    hp.bucket = 0;
    CHECK_THAT(error_of(set.texts, set.labels, kClasses, hp), Catch::Contains("bucket"));
    hp.word_ngrams = 1;  // no n-grams: no buckets needed
    CHECK(check(hp).empty());
    hp = toy_hp();
    hp.dim = 1000;
    hp.bucket = 10000000;
    CHECK_THAT(error_of(set.texts, set.labels, kClasses, hp), Catch::Contains("1 GB"));
}
