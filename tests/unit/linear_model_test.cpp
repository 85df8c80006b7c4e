// The TF-IDF + logistic regression classifier (src/core/linear): its words, features and solver against
// scikit-learn 1.2.1's (Debian's python3-sklearn) values for the same tiny data set, computed once and
// written here; the solver's gradient against finite differences; the search's determinism.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/linear/learning_curve.h"
#include "core/linear/linear_model.h"
#include "core/linear/linear_search.h"
#include "core/linear/softmax_regression.h"
#include "core/linear/term_index.h"
#include "linear_fixtures.h"
#include "core/linear/words.h"

using namespace tb::linear;

namespace {

using fixtures::kClasses;
using fixtures::kLabels;
using fixtures::kTexts;

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> out;
    std::string scratch;
    for_each_word(text, scratch, [&](std::string_view word) { out.emplace_back(word); });
    return out;
}

TermIndex index_of(const std::vector<std::string>& texts) {
    TermIndex index;
    for (const std::string& text : texts) index.add_training(text);
    return index;
}

// Every text of the index as rows under `columns`.
FeatureRows rows_of(const TermIndex& index, const Columns& columns) {
    FeatureRows rows;
    rows.width = columns.width();
    std::vector<std::int32_t> scratch, row_columns;
    std::vector<float> values;
    for (std::size_t t = 0; t < index.texts(); ++t) {
        index.row(t, columns, scratch, row_columns, values);
        rows.add_row(row_columns, values);
    }
    return rows;
}

}  // namespace

TEST_CASE("words are read as scikit-learn's default token pattern reads them, lowercased", "[linear]") {
    // re.findall(r"(?u)\b\w\w+\b", ...) gives Don, ab_c, 12, Ça, va, naïve, té, über: one-character words
    // are dropped, a combining mark or a curly apostrophe ends a word.
    CHECK(words_of("Don\u2019t x ab_c 12 \u00c7a\u2014va na\u00efve e\u0301t\u00e9 \u00fcber") ==
          std::vector<std::string>{"don", "ab_c", "12", "\u00c7a", "va", "na\u00efve", "t\u00e9", "\u00fcber"});
    CHECK(words_of("").empty());
    CHECK(words_of("a, b; c").empty());
    CHECK(words_of("XXXX/XXXX/2015 $1,200.00") == std::vector<std::string>{"xxxx", "xxxx", "2015", "200", "00"});
    // A byte that is not UTF-8 ends a word and is never part of one.
    CHECK(words_of("ab\xff" "cd") == std::vector<std::string>{"ab", "cd"});
}

TEST_CASE("TF-IDF values are scikit-learn's (sublinear tf, smooth idf, L2 rows)", "[linear]") {
    const TermIndex index = index_of(kTexts);
    const Columns columns = index.fit(1, 1, 100000);
    REQUIRE(columns.width() == 15);
    // TfidfVectorizer(sublinear_tf=True).idf_, by term.
    const std::map<std::string, double> idf = {
        {"card", 1.5596157879354227},    {"charged", 1.8472978603872037}, {"fee", 2.252762968495368},
        {"fraud", 2.252762968495368},    {"late", 1.5596157879354227},    {"loan", 2.252762968495368},
        {"lost", 2.252762968495368},     {"mortgage", 1.8472978603872037}, {"my", 1.5596157879354227},
        {"on", 2.252762968495368},       {"payment", 1.8472978603872037}, {"servicer", 2.252762968495368},
        {"the", 1.8472978603872037},     {"twice", 2.252762968495368},    {"was", 1.8472978603872037}};
    for (std::size_t c = 0; c < columns.width(); ++c) {
        INFO(columns.terms[c]);
        CHECK(columns.idf[c] == Approx(idf.at(columns.terms[c])).epsilon(1e-6));
    }
    // Row 0, "the loan was late, the loan": loan and the twice (1 + ln 2), late and was once.
    std::vector<std::int32_t> scratch, row_columns;
    std::vector<float> values;
    index.row(0, columns, scratch, row_columns, values);
    const std::map<std::string, double> expected = {
        {"late", 0.28391263666618805}, {"loan", 0.6943481941176683}, {"the", 0.5693754519650986}, {"was", 0.33628231408494497}};
    REQUIRE(row_columns.size() == expected.size());
    for (std::size_t j = 0; j < row_columns.size(); ++j) {
        const std::string& term = columns.terms[static_cast<std::size_t>(row_columns[j])];
        INFO(term);
        CHECK(values[j] == Approx(expected.at(term)).epsilon(1e-6));
    }
    fixtures::check_rows_agree(index, columns, kTexts);
}

TEST_CASE("word pairs: scikit-learn's ngram_range=(1, 2) terms, also when max_features keeps the most frequent", "[linear]") {
    const TermIndex index = index_of(kTexts);
    CHECK(index.fit(2, 1, 100000).width() == 35);  // len(get_feature_names_out()) for ngram_range=(1, 2)
    // In at least 2 texts: card, charged, late, mortgage, my, payment, the, was, and "my card".
    const Columns two = index.fit(2, 2, 100000);
    CHECK(two.width() == 9);
    CHECK(two.terms.back() == "my card");
    // The 3 of highest count: the, late, my and card all appear 3 times; ties go to the first seen.
    const Columns top = index.fit(2, 1, 3);
    CHECK(top.terms == std::vector<std::string>{"the", "late", "my"});
    // A pair's row, fitted and predicted, agree.
    const Columns pairs = index.fit(2, 1, 100000);
    std::vector<std::int32_t> scratch, row_columns, again;
    std::vector<float> values, again_values;
    index.row(4, pairs, scratch, row_columns, values);
    pairs.tfidf().transform(kTexts[4], again, again_values);
    CHECK(row_columns.size() == 6 + 5);  // 6 words, 5 pairs
    CHECK(again == row_columns);
    CHECK(again_values == values);
}

TEST_CASE("the objective's gradient matches finite differences", "[linear]") {
    const TermIndex index = index_of(kTexts);
    const Columns columns = index.fit(2, 1, 100000);
    const FeatureRows rows = rows_of(index, columns);
    const std::vector<double> weights = {1.0, 2.0, 0.5, 3.0, 1.5, 2.0};
    Problem problem(&rows, kLabels, weights, 3, 0.7);
    std::vector<double> x(problem.parameter_count());
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::sin(static_cast<double>(i) * 1.3) * 0.8;
    std::vector<double> gradient(x.size()), unused(x.size());
    objective(problem, x, gradient);
    for (std::size_t i = 0; i < x.size(); i += 7) {
        std::vector<double> up = x, down = x;
        up[i] += 1e-6;
        down[i] -= 1e-6;
        const double numeric = (objective(problem, up, unused) - objective(problem, down, unused)) / 2e-6;
        INFO("parameter " << i);
        CHECK(gradient[i] == Approx(numeric).margin(1e-7));
    }
}

TEST_CASE("the solver reaches scikit-learn's solution, however its work is sliced", "[linear]") {
    const TermIndex index = index_of(kTexts);
    const Columns columns = index.fit(1, 1, 100000);
    const FeatureRows rows = rows_of(index, columns);
    // class_weight="balanced": 6 / (3 · 3) for card, 6 / (3 · 1) for loan, 6 / (3 · 2) for mortgage.
    const std::vector<double> weights = {2.0, 2.0 / 3, 2.0 / 3, 1.0, 1.0, 2.0 / 3};
    const Problem problem(&rows, kLabels, weights, 3, 1.0);
    SolverSettings settings;
    settings.tolerance = 1e-8;
    std::vector<double> solution;
    for (const std::size_t slice : {std::size_t{1}, std::size_t{4}, std::size_t{1000}}) {
        SoftmaxSolver solver(problem, settings);
        while (!solver.done()) solver.step(slice);
        CHECK(solver.converged());
        CHECK(solver.gradient_max() <= 1e-8);
        if (solution.empty()) solution = solver.parameters();
        CHECK(solver.parameters() == solution);  // bit for bit, whatever the slices
    }
    // The exact solution, by scipy's BFGS on the same objective to a gradient of 1.3e-9, as W[:, term] and
    // b. (scikit-learn's LogisticRegression(C=1, class_weight="balanced") stops earlier, at a gradient of
    // 3.7e-6, whatever its tol: its coefficients are these within 2e-5.)
    const std::map<std::string, std::vector<double>> coef = {
        {"card", {0.37790935763707556, -0.17943831610476663, -0.19847104153230896}},
        {"loan", {-0.3062905711205967, 0.6112119801268585, -0.3049214090062617}},
        {"mortgage", {-0.2423378712627416, -0.21682856701192474, 0.4591664382746663}},
        {"the", {-0.345113724460286, 0.41367394169281974, -0.06856021723253375}},
        {"was", {-0.010032550605270424, 0.22706742140476951, -0.21703487079949912}}};
    std::size_t compared = 0;
    for (std::size_t c = 0; c < columns.width(); ++c) {
        const auto found = coef.find(columns.terms[c]);
        if (found == coef.end()) continue;
        ++compared;
        for (std::size_t k = 0; k < 3; ++k) {
            INFO(columns.terms[c] << " class " << k);
            CHECK(solution[c * 3 + k] == Approx(found->second[k]).margin(1e-7));
        }
    }
    CHECK(compared == coef.size());
    const std::vector<double> intercept = {0.1398312331078273, -0.137862654406196, -0.0019685787016324656};
    for (std::size_t k = 0; k < 3; ++k) CHECK(solution[columns.width() * 3 + k] == Approx(intercept[k]).margin(1e-7));
}

TEST_CASE("the search picks on the validation rows, lists every trial, and is deterministic", "[linear]") {
    SearchSettings settings;
    settings.strengths = {10, 1};  // tried in increasing order
    settings.learning_curve = false;
    const std::vector<std::string> validation = {"late card fee", "mortgage payment lost", "the loan"};
    const std::vector<int> validation_labels = {0, 2, 1};
    const auto run = [&](std::size_t slice) {
        LinearSearch search(kTexts, kLabels, validation, validation_labels, kClasses, settings);
        while (!search.done()) search.step(slice);
        return search;
    };
    LinearSearch one = run(1), many = run(100000);
    REQUIRE(one.error().empty());
    REQUIRE(one.trials().size() == 4);
    CHECK(one.trials()[0].ngram == 1);
    CHECK(one.trials()[0].strength == 1);
    CHECK(one.trials()[1].strength == 10);
    CHECK(one.trials()[2].ngram == 2);
    CHECK(one.trials()[2].features == 35);
    // The best is the highest accuracy, then the lowest loss.
    const std::size_t best = *one.best();
    for (const Trial& t : one.trials()) {
        CHECK((t.accuracy < one.trials()[best].accuracy ||
               (t.accuracy == one.trials()[best].accuracy && t.loss >= one.trials()[best].loss)));
    }
    const LinearModel model = one.take_model();
    CHECK(model.save() == many.take_model().save());
    CHECK(model.predict_label("a mortgage payment") == 2);
    // The exact solution's probabilities for "late card payment" at C=1, unigrams (see above; weights are
    // saved as floats).
    settings.strengths = {1};
    settings.ngrams = {1};
    settings.tolerance = 1e-8;
    LinearSearch single(kTexts, kLabels, {}, {}, kClasses, settings);
    while (!single.done()) single.step(1000);
    const std::vector<double> p = single.take_model().predict("late card payment");
    CHECK(p[0] == Approx(0.3660740345037766).margin(1e-6));
    CHECK(p[1] == Approx(0.23385293289358602).margin(1e-6));
    CHECK(p[2] == Approx(0.4000730326026374).margin(1e-6));
}

TEST_CASE("the learning curve trains the best settings on a quarter and a half of the rows, each class kept", "[linear]") {
    std::vector<std::string> texts;
    std::vector<int> labels;
    for (int i = 0; i < 40; ++i) {
        texts.push_back(i % 2 ? "card charged twice number " + std::to_string(i) : "mortgage late payment " + std::to_string(i));
        labels.push_back(i % 2);
    }
    SearchSettings settings;
    settings.strengths = {1};
    settings.ngrams = {1};
    LinearSearch search(texts, labels, {"card charged", "late mortgage"}, {1, 0}, {"mortgage", "card"}, settings);
    while (!search.done()) search.step(64);
    REQUIRE(search.learning_curve().size() == 3);
    CHECK(search.learning_curve()[0].rows == 10);
    CHECK(search.learning_curve()[1].rows == 20);
    CHECK(search.learning_curve()[2].rows == 40);
    CHECK(search.learning_curve()[2].accuracy == search.trials()[0].accuracy);
    CHECK(search.learning_curve()[0].accuracy == 1.0);
}

TEST_CASE("bad inputs stop the search at once with a reason", "[linear]") {
    LinearSearch one_class({"a text"}, {0}, {}, {}, {"only"}, SearchSettings{});
    CHECK(one_class.done());
    CHECK(one_class.error() == "at least two classes are needed");
    LinearSearch bad_label({"a text"}, {5}, {}, {}, {"x", "y"}, SearchSettings{});
    CHECK(bad_label.error() == "a label is not one of the classes");
    SearchSettings zero;
    zero.strengths = {0};
    LinearSearch bad_c({"a text"}, {0}, {}, {}, {"x", "y"}, zero);
    CHECK(bad_c.error() == "a strength C is not a positive number");
    CHECK(bad_c.take_model().empty());
}

TEST_CASE("a saved model loads back the same, and a damaged one is refused with a reason", "[linear]") {
    SearchSettings settings;
    settings.strengths = {3};
    settings.learning_curve = false;
    LinearSearch search(kTexts, kLabels, {}, {}, kClasses, settings);
    while (!search.done()) search.step(100);
    const LinearModel model = search.take_model();
    const std::vector<std::uint8_t> blob = model.save();
    CHECK(is_linear_model_blob(blob));
    std::string error;
    const std::optional<LinearModel> loaded = LinearModel::load(blob, &error);
    REQUIRE(loaded);
    CHECK(loaded->save() == blob);
    CHECK(loaded->strength() == 3);
    CHECK(loaded->predict("fee on my card") == model.predict("fee on my card"));

    std::vector<std::uint8_t> cut(blob.begin(), blob.end() - 5);
    CHECK_FALSE(LinearModel::load(cut, &error));
    CHECK(error.find("should be") != std::string::npos);
    std::vector<std::uint8_t> flipped = blob;
    flipped[blob.size() / 2] ^= 1;
    CHECK_FALSE(LinearModel::load(flipped, &error));
    CHECK(error == "its checksum does not match: the file is damaged");
    CHECK_FALSE(LinearModel::load(std::vector<std::uint8_t>{'T', 'B', 'F', 'T'}, &error));

    // Well formed, checksum and all, but a term twice: its column would be ambiguous.
    const LinearModel twice(Tfidf(1, {"late", "fee", "late"}, {1, 1, 1}), {"card", "loan"}, std::vector<float>(6, 0.5f),
                            {0, 0}, 1);
    CHECK_FALSE(LinearModel::load(twice.save(), &error));
    CHECK(error == "a term appears twice");
}

TEST_CASE("the learning curve is read in one sentence, a rise counting only past the validation noise", "[linear]") {
    // 100 validation rows around 0.7: 1.96 · √(2 · 0.7 · 0.3 / 100) = 0.127.
    CHECK(learning_curve_reading({{25, 0.5, 1}, {50, 0.6, 1}, {100, 0.8, 1}}, 100) ==
          "Validation accuracy was 0.500 on 25 training rows, 0.600 on 50 and 0.800 on 100: still rising, so labelling more "
          "rows will likely raise it further — worth doing before prompting harder or paying for fine-tuning.");
    CHECK(learning_curve_reading({{25, 0.5, 1}, {50, 0.65, 1}, {100, 0.75, 1}}, 100) ==
          "Validation accuracy was 0.500 on 25 training rows, 0.650 on 50 and 0.750 on 100, the last step a rise within "
          "the noise of 100 validation rows (±0.127): more labelled rows may help a little; more validation rows would tell.");
    CHECK(learning_curve_reading({{1000, 0.8, 1}, {2000, 0.86, 1}, {4000, 0.86, 1}}, 1000) ==
          "Validation accuracy was 0.800 on 1,000 training rows, 0.860 on 2,000 and 0.860 on 4,000: no rise beyond the noise of "
          "1,000 validation rows (±0.030), so more rows of the same kind are unlikely to help much; a stronger model "
          "(embeddings, a larger or fine-tuned chat model) is the next thing to try.");
    // The same gain is a rise on many validation rows and noise on few.
    CHECK(learning_curve_reading({{50, 0.7, 1}, {100, 0.75, 1}}, 2000).find("still rising") != std::string::npos);
    CHECK(learning_curve_reading({{50, 0.7, 1}, {100, 0.75, 1}}, 50).find("within the noise") != std::string::npos);
    CHECK(learning_curve_reading({{50, 0.7, 1}, {100, 0.75, 1}}, 50).starts_with(
        "Validation accuracy was 0.700 on 50 training rows and 0.750 on 100, the last step"));
    CHECK(learning_curve_reading({{100, 0.75, 1}}, 100).empty());
    CHECK(learning_curve_reading({{50, 0.7, 1}, {100, 0.75, 1}}, 0).empty());
}
