// Logistic regression on dense vectors (embeddings): the TF-IDF model's solver reading dense rows, a fit on
// part of the rows read in place, the standardisation, and the search against scikit-learn 1.2.1's
// StandardScaler + LogisticRegression(class_weight="balanced") on a small set, computed once and written here.
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "core/linear/feature_rows.h"
#include "core/linear/softmax_regression.h"
#include "core/linear/vector_search.h"

using namespace tb::linear;

namespace {

// 12 vectors of 3 dimensions in 3 classes, as tests/unit's scikit-learn script made them:
// [sin(1.7 i) + 0.8 (i mod 3), 2 cos(0.9 i) − (i mod 3), 0.25 i + 3], label i mod 3.
std::vector<std::vector<float>> small_vectors() {
    std::vector<std::vector<float>> out;
    for (int i = 0; i < 12; ++i) {
        out.push_back({static_cast<float>(std::sin(i * 1.7) + (i % 3) * 0.8), static_cast<float>(std::cos(i * 0.9) * 2.0 - (i % 3)),
                       static_cast<float>(0.25 * i + 3.0)});
    }
    return out;
}

FeatureRows dense_rows(const std::vector<std::vector<float>>& vectors, std::size_t width) {
    FeatureRows rows;
    rows.dense = true;
    rows.width = width;
    for (const auto& v : vectors) rows.add_dense_row(v);
    return rows;
}

std::vector<std::size_t> numbers(std::size_t from, std::size_t to) {
    std::vector<std::size_t> out(to - from);
    std::iota(out.begin(), out.end(), from);
    return out;
}

// `n` more points around one corner per class of a `dims`-cube, a little noise: separable by a wide margin.
void separable(std::size_t n, std::size_t dims, std::size_t classes, std::uint64_t seed, FeatureRows& rows,
               std::vector<int>& labels) {
    rows.dense = true;
    rows.width = dims;
    std::vector<float> v(dims);
    for (std::size_t i = 0; i < n; ++i) {
        const auto label = static_cast<int>(i % classes);
        for (std::size_t j = 0; j < dims; ++j) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            const double noise = static_cast<double>(seed >> 11) / 9007199254740992.0 - 0.5;
            v[j] = static_cast<float>((j % classes == static_cast<std::size_t>(label) ? 2.0 : 0.0) + 0.5 * noise);
        }
        rows.add_dense_row(v);
        labels.push_back(label);
    }
}

}  // namespace

TEST_CASE("dense rows go through the same solver as sparse ones, to the very same bits", "[linear]") {
    const auto vectors = small_vectors();
    const FeatureRows dense = dense_rows(vectors, 3);
    FeatureRows sparse;
    sparse.width = 3;
    for (const auto& v : vectors) sparse.add_row(std::vector<std::int32_t>{0, 1, 2}, v);
    CHECK(dense.columns.empty());
    CHECK(dense.nonzeros() == 36);
    std::vector<int> labels(12);
    for (int i = 0; i < 12; ++i) labels[static_cast<std::size_t>(i)] = i % 3;
    const std::vector<double> weights(12, 1.0);
    std::vector<double> x(12);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::cos(static_cast<double>(i)) * 0.3;
    std::vector<double> g_dense(12), g_sparse(12);
    const double f_dense = objective(Problem(&dense, labels, weights, 3, 0.5), x, g_dense);
    const double f_sparse = objective(Problem(&sparse, labels, weights, 3, 0.5), x, g_sparse);
    CHECK(f_dense == f_sparse);
    CHECK(g_dense == g_sparse);

    // A problem on some of the rows, read in place, is the problem on a copy of those rows.
    const std::vector<std::size_t> subset = {1, 4, 5, 9, 11};
    std::vector<std::vector<float>> picked;
    std::vector<int> picked_labels;
    for (const std::size_t r : subset) {
        picked.push_back(vectors[r]);
        picked_labels.push_back(labels[r]);
    }
    const FeatureRows copy = dense_rows(picked, 3);
    const std::vector<double> five(5, 1.0);
    std::vector<double> g_subset(12), g_copy(12);
    CHECK(objective(Problem(&dense, picked_labels, five, 3, 0.5, subset), x, g_subset) ==
          objective(Problem(&copy, picked_labels, five, 3, 0.5), x, g_copy));
    CHECK(g_subset == g_copy);
}

TEST_CASE("vectors are standardised as StandardScaler does, and the search reaches scikit-learn's model", "[linear]") {
    const auto vectors = small_vectors();
    StandardiserFit fit(3);
    for (const auto& v : vectors) fit.add(v);
    const Standardiser s = fit.result();
    // StandardScaler().fit(X).mean_ and 1 / scale_.
    CHECK(s.mean[0] == Approx(0.7942002962032954).epsilon(1e-6));
    CHECK(s.mean[1] == Approx(-1.0696968734264374).epsilon(1e-6));
    CHECK(s.mean[2] == Approx(4.375).epsilon(1e-6));
    CHECK(s.scale[0] == Approx(1 / 1.1027396658869082).epsilon(1e-6));
    CHECK(s.scale[1] == Approx(1 / 1.8025994867648398).epsilon(1e-6));
    CHECK(s.scale[2] == Approx(1 / 0.8630131323836657).epsilon(1e-6));
    // A dimension that never varies keeps a scale of 1, as StandardScaler's.
    StandardiserFit flat(1);
    flat.add(std::vector<float>{2.5f});
    flat.add(std::vector<float>{2.5f});
    CHECK(flat.result().scale[0] == 1.0f);

    std::vector<int> labels(12);
    for (int i = 0; i < 12; ++i) labels[static_cast<std::size_t>(i)] = i % 3;
    VectorSearchSettings settings;
    settings.strengths = {0.5};
    settings.tolerance = 1e-7;
    settings.step_tolerance = 1e-6;
    const FeatureRows rows = dense_rows(vectors, 3);
    VectorSearch search(rows, numbers(0, 12), labels, {}, {}, {"a", "b", "c"}, settings);
    while (!search.done()) search.step(5);
    REQUIRE(search.error().empty());
    REQUIRE(search.trials().size() == 1);
    CHECK(search.trials()[0].converged);
    CHECK(search.trials()[0].features == 3);
    const VectorModel model = search.take_model();
    // LogisticRegression(C=0.5, class_weight="balanced", tol=1e-12).predict_proba of [0.3, −0.4, 4].
    const std::vector<double> p = model.predict(std::vector<float>{0.3f, -0.4f, 4.0f});
    REQUIRE(p.size() == 3);
    CHECK(p[0] == Approx(0.4613708150740531).margin(2e-6));
    CHECK(p[1] == Approx(0.3926394523052308).margin(2e-6));
    CHECK(p[2] == Approx(0.14598973262071613).margin(2e-6));
    CHECK(model.predict(std::vector<float>{1.0f, 2.0f}).empty());  // another number of dimensions
    CHECK(model.predict_label(std::vector<float>{1.0f}) == -1);
}

TEST_CASE("the vector search picks C on the validation rows, lists each, and is deterministic", "[linear]") {
    // Training rows 0..299, validation rows 300..379 of one block, as the page's store holds them; the
    // block is read, never changed.
    FeatureRows vectors;
    std::vector<int> labels;
    separable(300, 12, 4, 7, vectors, labels);
    separable(80, 12, 4, 99, vectors, labels);
    const std::vector<float> before = vectors.values;
    const std::vector<int> train_labels(labels.begin(), labels.begin() + 300), validation_labels(labels.begin() + 300, labels.end());
    const auto run = [&](std::size_t slice, VectorSearchSettings settings) {
        VectorSearch search(vectors, numbers(0, 300), train_labels, numbers(300, 380), validation_labels,
                            {"a", "b", "c", "d"}, settings);
        while (!search.done()) search.step(slice);
        return search;
    };
    VectorSearch one = run(1, {}), many = run(100000, {});
    REQUIRE(one.error().empty());
    REQUIRE(one.trials().size() == 5);
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(one.trials()[i].strength == VectorSearchSettings{}.strengths[i]);
        CHECK(one.trials()[i].rows == 300);
        CHECK(one.trials()[i].accuracy == many.trials()[i].accuracy);
    }
    CHECK(one.trials()[*one.best()].accuracy == 1.0);
    const VectorModel a = one.take_model(), b = many.take_model();
    for (std::size_t r = 300; r < 310; ++r) CHECK(a.predict(vectors.values_of(r)) == b.predict(vectors.values_of(r)));
    CHECK(vectors.values == before);

    // Past tune_rows, the grid runs on a sample and the chosen C is then fitted on every row: the last trial.
    VectorSearchSettings sampled;
    sampled.tune_rows = 100;
    VectorSearch big = run(64, sampled);
    REQUIRE(big.trials().size() == 6);
    for (std::size_t i = 0; i < 5; ++i) CHECK(big.trials()[i].rows == 100);  // 25 of each class
    CHECK(big.trials().back().rows == 300);
    CHECK(*big.best() == 5);
    CHECK(big.tuning_rows() == 300);
    CHECK(big.trials().back().accuracy == 1.0);
}

TEST_CASE("bad vectors stop the vector search at once with a reason", "[linear]") {
    FeatureRows vectors;
    std::vector<int> labels;
    separable(20, 4, 2, 1, vectors, labels);
    const auto error = [&](const FeatureRows& rows, std::vector<std::size_t> train, std::vector<int> train_labels,
                           std::vector<std::size_t> validation = {}, std::vector<int> validation_labels = {}) {
        VectorSearch search(rows, std::move(train), std::move(train_labels), std::move(validation),
                            std::move(validation_labels), {"a", "b"}, {});
        CHECK(search.done());
        return search.error();
    };
    CHECK(error(vectors, numbers(0, 20), labels, {25}, {0}) == "a row has no vector");
    CHECK(error(vectors, {}, {}) == "there are no training rows");
    CHECK(error(vectors, numbers(0, 20), std::vector<int>(20, 2)) == "a label is not one of the classes");
    CHECK(error(vectors, numbers(0, 20), std::vector<int>(19, 0)) == "the vectors and the labels differ in number");
    FeatureRows sparse;
    sparse.width = 4;
    sparse.add_row(std::vector<std::int32_t>{0}, std::vector<float>{1.0f});
    CHECK(error(sparse, {0}, {0}) == "the vectors are not dense rows of one length");
    CHECK(vector_bytes(100000, 1536) == 614'400'000);
}
