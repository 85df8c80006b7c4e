#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/train/model.h"
#include "core/train/trainer.h"

using namespace tb::train;

namespace {

const std::vector<std::string> kTexts = {
    "card charged twice card fee",  "loan payment late",       "the card was declined",
    "loan servicer lost my payment", "fee on my card statement", "late fee on the loan",
    "student loan forgiveness",     "card interest rate raised", "my card my card"};
const std::vector<int> kLabels = {0, 1, 0, 1, 0, 1, 2, 0, 0};
const std::vector<std::string> kClasses = {"card", "loan", "student"};

Hyperparameters small() {
    Hyperparameters hp;
    hp.dim = 6;
    hp.bucket = 97;
    hp.epochs = 3;
    hp.lr = 0.3;
    hp.seed = 7;
    return hp;
}

// A model trained a little, so that no weight is zero and every gradient term matters.
Model trained_model() {
    Trainer trainer(kTexts, kLabels, kClasses, small());
    while (!trainer.done()) trainer.step(4);
    return trainer.take_model();
}

}  // namespace

TEST_CASE("train: the analytic gradient matches finite differences", "[train]") {
    Model model = trained_model();
    const int dim = model.dim();
    // "card" three times: its row's gradient counts every appearance.
    const std::vector<std::int32_t> rows = model.dictionary().encode("my card my card card declined");
    const int label = 1;
    const Gradient gradient = model.gradient(rows, label);
    CHECK(gradient.loss == Approx(model.loss(rows, label)).epsilon(1e-12));

    std::map<std::int32_t, int> appearances;
    for (const std::int32_t row : rows) ++appearances[row];
    const double eps = 1e-2;
    const auto numeric = [&](float& weight) {
        const float saved = weight;
        weight = static_cast<float>(saved + eps);
        const double up = model.loss(rows, label);
        weight = static_cast<float>(saved - eps);
        const double down = model.loss(rows, label);
        weight = saved;
        return (up - down) / (2 * eps);
    };
    int checked = 0;
    for (const auto& [row, count] : appearances) {
        for (int k = 0; k < dim; ++k) {
            float& weight = model.input_weights()[static_cast<std::size_t>(row) * dim + k];
            const double analytic = static_cast<double>(count) * gradient.input[static_cast<std::size_t>(k)];
            CHECK(numeric(weight) == Approx(analytic).margin(2e-4).epsilon(1e-2));
            ++checked;
        }
    }
    for (std::size_t i = 0; i < gradient.output.size(); ++i) {
        CHECK(numeric(model.output_weights()[i]) == Approx(gradient.output[i]).margin(2e-4).epsilon(1e-2));
        ++checked;
    }
    CHECK(checked == static_cast<int>(appearances.size()) * dim + 3 * dim);
}

TEST_CASE("train: an update steps each weight by -lr times its gradient", "[train]") {
    Model model = trained_model();
    const std::vector<std::int32_t> rows = model.dictionary().encode("loan card card fee");
    const Gradient gradient = model.gradient(rows, 2);
    const Model before = model;
    Scratch scratch;
    const float lr = 0.25f;
    const double loss = model.update(rows, 2, lr, scratch);
    CHECK(loss == gradient.loss);

    std::map<std::int32_t, int> appearances;
    for (const std::int32_t row : rows) ++appearances[row];
    const int dim = model.dim();
    for (const auto& [row, count] : appearances) {
        for (int k = 0; k < dim; ++k) {
            const std::size_t at = static_cast<std::size_t>(row) * dim + k;
            const double moved = model.input_weights()[at] - before.input_weights()[at];
            const double expected = -lr * static_cast<double>(count) * gradient.input[static_cast<std::size_t>(k)];
            CHECK(moved == Approx(expected).margin(1e-7).epsilon(1e-4));
        }
    }
    for (std::size_t i = 0; i < gradient.output.size(); ++i) {
        const double moved = model.output_weights()[i] - before.output_weights()[i];
        CHECK(moved == Approx(-lr * gradient.output[i]).margin(1e-7).epsilon(1e-4));
    }
    CHECK(model.loss(rows, 2) < gradient.loss);
}

TEST_CASE("train: predictions are a distribution and the label is their first maximum", "[train]") {
    const Model model = trained_model();
    for (const auto& text : kTexts) {
        const std::vector<float> p = model.predict(text);
        REQUIRE(p.size() == 3);
        double sum = 0;
        for (const float x : p) sum += x;
        CHECK(sum == Approx(1.0).epsilon(1e-6));
        const int label = model.predict_label(text);
        for (const float x : p) CHECK(x <= p[static_cast<std::size_t>(label)]);
        CHECK(model.loss(text, label) == Approx(-std::log(p[static_cast<std::size_t>(label)])).epsilon(1e-5));
    }
    CHECK(std::isnan(model.loss("card", 3)));
    CHECK(std::isnan(model.loss("card", -1)));
    // An empty model predicts nothing.
    const Model none;
    CHECK(none.predict("card").empty());
    CHECK(none.predict_label("card") == -1);
}

TEST_CASE("train: a saved model loads back with identical predictions and bytes", "[train]") {
    const Model model = trained_model();
    const std::vector<std::uint8_t> bytes = model.save();
    std::string error;
    const auto loaded = Model::load(bytes, &error);
    REQUIRE(loaded);
    CHECK(error.empty());
    CHECK(loaded->hyperparameters() == model.hyperparameters());
    CHECK(loaded->classes() == kClasses);
    CHECK(loaded->dictionary().word_count() == model.dictionary().word_count());
    for (const auto& text : kTexts) CHECK(loaded->predict(text) == model.predict(text));
    CHECK(loaded->predict("an unseen text") == model.predict("an unseen text"));
    CHECK(loaded->save() == bytes);

    SECTION("with character n-grams too") {
        Hyperparameters hp = small();
        hp.minn = 2;
        hp.maxn = 4;
        Trainer trainer(kTexts, kLabels, kClasses, hp);
        while (!trainer.done()) trainer.step(100);
        const auto again = Model::load(trainer.model().save());
        REQUIRE(again);
        CHECK(again->predict("cards charged") == trainer.model().predict("cards charged"));
    }
}

TEST_CASE("train: loading refuses a truncated, corrupted or other-version blob, saying why", "[train]") {
    const std::vector<std::uint8_t> bytes = trained_model().save();
    std::string error;

    for (const std::size_t size : {std::size_t{0}, std::size_t{3}, std::size_t{7}, std::size_t{15}, std::size_t{40},
                                   bytes.size() / 2, bytes.size() - 1}) {
        const std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(size));
        error.clear();
        CHECK_FALSE(Model::load(cut, &error));
        CHECK_FALSE(error.empty());
        if (size >= 16) CHECK_THAT(error, Catch::Contains("truncated"));
    }

    std::vector<std::uint8_t> version = bytes;
    version[4] = 2;
    CHECK_FALSE(Model::load(version, &error));
    CHECK_THAT(error, Catch::Contains("version 2") && Catch::Contains("reads version 1"));

    std::vector<std::uint8_t> magic = bytes;
    magic[0] = 'X';
    CHECK_FALSE(Model::load(magic, &error));
    CHECK_THAT(error, Catch::Contains("not a Tuneboard model"));

    std::vector<std::uint8_t> flipped = bytes;
    flipped[bytes.size() / 2] ^= 0x10;
    CHECK_FALSE(Model::load(flipped, &error));
    CHECK_THAT(error, Catch::Contains("checksum"));

    std::vector<std::uint8_t> longer = bytes;
    longer.push_back(0);
    CHECK_FALSE(Model::load(longer, &error));
    CHECK_THAT(error, Catch::Contains("size"));

    CHECK(Model::load(bytes));  // and with no error string asked for
}

TEST_CASE("train: loading refuses labels or words that are not UTF-8 text, as they would be shown and saved", "[train]") {
    std::string error;
    Trainer labels(kTexts, kLabels, {"card", "lo\xE9n", "student"}, small());
    while (!labels.done()) labels.step(100);
    CHECK_FALSE(Model::load(labels.model().save(), &error));
    CHECK(error == "Not a usable model: its dictionary is unreadable (a label that is not UTF-8 text).");

    std::vector<std::string> texts = kTexts;
    texts[0] += " caf\xE9";
    Trainer words(texts, kLabels, kClasses, small());
    while (!words.done()) words.step(100);
    CHECK_FALSE(Model::load(words.model().save(), &error));
    CHECK(error == "Not a usable model: its dictionary is unreadable (a word that is not UTF-8 text).");
}
