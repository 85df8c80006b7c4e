// The linear search on more training rows than it tunes on (SearchSettings::tune_rows): the grid on a
// stratified sample, then the chosen settings fitted on every row, deterministically.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "core/linear/linear_search.h"

using namespace tb::linear;

namespace {

// 60 rows of two classes whose words overlap, so the grid's trials differ.
struct Rows {
    std::vector<std::string> texts;
    std::vector<int> labels;
};

Rows overlapping_rows(std::size_t count) {
    const std::vector<std::string> card = {"card", "charged", "twice", "fee", "fraud", "payment"};
    const std::vector<std::string> mortgage = {"mortgage", "late", "payment", "servicer", "escrow", "fee"};
    Rows out;
    for (std::size_t i = 0; i < count; ++i) {
        const int label = static_cast<int>(i % 2);
        const std::vector<std::string>& own = label == 1 ? card : mortgage;
        const std::vector<std::string>& other = label == 1 ? mortgage : card;
        // Three of its own class's words and, every third row, one of the other's.
        std::string text = own[i % 6] + " " + own[(i / 2 + 1) % 6] + " " + own[(i / 3 + 2) % 6];
        if (i % 3 == 0) text += " " + other[(i / 5) % 6];
        out.texts.push_back(text + " row" + std::to_string(i % 7));
        out.labels.push_back(label);
    }
    return out;
}

LinearSearch run(const Rows& train, const Rows& validation, const SearchSettings& settings, std::size_t slice) {
    LinearSearch search(train.texts, train.labels, validation.texts, validation.labels, {"mortgage", "card"}, settings);
    while (!search.done()) search.step(slice);
    REQUIRE(search.error().empty());
    return search;
}

}  // namespace

TEST_CASE("with more rows than tune_rows, the grid runs on a sample and the chosen settings then fit all rows", "[linear]") {
    const Rows train = overlapping_rows(60);
    const Rows validation = overlapping_rows(13);
    SearchSettings settings;
    settings.strengths = {0.3, 3, 30};
    settings.tune_rows = 20;
    settings.tolerance = 1e-9;  // tight, so the fits below can be compared with each other
    settings.step_tolerance = 0;
    LinearSearch sampled = run(train, validation, settings, 7);
    const std::vector<Trial>& trials = sampled.trials();
    REQUIRE(trials.size() == sampled.grid_size() + 1);
    CHECK(sampled.tuning_rows() == 20);
    // The grid's trials learn from the 20 sampled rows (10 of each class); the best of them by accuracy,
    // then loss, is the one fitted on all 60 rows, listed last and pointed at as the model.
    std::size_t chosen = 0;
    for (std::size_t i = 0; i < sampled.grid_size(); ++i) {
        CHECK(trials[i].rows == 20);
        const Trial& t = trials[i];
        const Trial& c = trials[chosen];
        if (t.accuracy > c.accuracy || (t.accuracy == c.accuracy && t.loss < c.loss)) chosen = i;
    }
    const Trial& all = trials.back();
    CHECK(all.rows == 60);
    CHECK(all.ngram == trials[chosen].ngram);
    CHECK(all.strength == trials[chosen].strength);
    CHECK(*sampled.best() == trials.size() - 1);
    // The learning curve: a quarter and a half of the sample, the sample (the chosen trial), all rows.
    const std::vector<CurvePoint>& curve = sampled.learning_curve();
    REQUIRE(curve.size() == 4);
    CHECK(curve[0].rows < curve[1].rows);
    CHECK(curve[1].rows < curve[2].rows);
    CHECK(curve[2].rows == 20);
    CHECK(curve[2].accuracy == trials[chosen].accuracy);
    CHECK(curve[3].rows == 60);
    CHECK(curve[3].accuracy == all.accuracy);
    CHECK(curve[3].loss == all.loss);

    // The model is the minimum a search on all rows with the chosen settings alone finds from zero (the
    // fit on all rows starts from the sample's solution instead).
    SearchSettings direct = settings;
    direct.ngrams = {all.ngram};
    direct.strengths = {all.strength};
    direct.tune_rows = 0;
    direct.learning_curve = false;
    LinearSearch whole = run(train, validation, direct, 1000);
    REQUIRE(whole.trials().size() == 1);
    CHECK(whole.trials()[0].rows == 60);
    const LinearModel model = sampled.take_model();
    const LinearModel reference = whole.take_model();
    REQUIRE(model.features().terms() == reference.features().terms());
    for (const std::string& text : {std::string("card fee payment"), std::string("late escrow fee"), std::string("row3")}) {
        const std::vector<double> p = model.predict(text), q = reference.predict(text);
        INFO(text);
        CHECK(p[0] == Approx(q[0]).margin(1e-5));
        CHECK(p[1] == Approx(q[1]).margin(1e-5));
    }

    // However the work is sliced, the same model.
    LinearSearch again = run(train, validation, settings, 1000);
    CHECK(again.take_model().save() == model.save());
}

TEST_CASE("tune_rows 0, no more rows than it, or a grid of one setting: every trial on every row", "[linear]") {
    const Rows train = overlapping_rows(40);
    SearchSettings settings;
    settings.strengths = {1};
    settings.learning_curve = false;
    for (const std::size_t tune : {std::size_t{0}, std::size_t{40}, std::size_t{10}}) {
        settings.tune_rows = tune;
        settings.ngrams = tune == 10 ? std::vector<int>{2} : std::vector<int>{1, 2};  // 10: one setting
        LinearSearch search = run(train, overlapping_rows(9), settings, 64);
        CHECK(search.tuning_rows() == 40);
        REQUIRE(search.trials().size() == search.grid_size());
        for (const Trial& t : search.trials()) CHECK(t.rows == 40);
    }
}
