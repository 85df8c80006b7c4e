#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/eval/calibration.h"

using namespace tb::eval;

namespace {

// `rows` rows over 6 classes, each giving its top class `top` and the other five `(1 − top) / 5`; the
// first `right` rows are labelled with the top class, the others with class 3.
struct Rows {
    std::vector<std::vector<double>> p;
    std::vector<int> labels;
};
Rows flat_rows(int rows, int right, double top) {
    Rows out;
    for (int i = 0; i < rows; ++i) {
        std::vector<double> p(6, (1 - top) / 5);
        p[i % 2] = top;  // top class 0 or 1
        out.p.push_back(p);
        out.labels.push_back(i < right ? i % 2 : 3);
    }
    return out;
}

double sharpened_top(std::vector<double> p, double beta) {
    sharpen(p, beta);
    return *std::max_element(p.begin(), p.end());
}

}  // namespace

TEST_CASE("temperature scaling makes flat probabilities say how often the model is right", "[calibration]") {
    // Right 90 % of the time while saying 0.4: the least log-loss is where the top class gets 0.9, i.e.
    // 0.4^β / (0.4^β + 5 · 0.12^β) = 0.9, (0.4 / 0.12)^β = 45, β = ln 45 / ln (10/3).
    const Rows rows = flat_rows(1000, 900, 0.4);
    const double beta = fit_beta(rows.p, rows.labels);
    CHECK(beta == Approx(std::log(45.0) / std::log(10.0 / 3.0)).epsilon(1e-4));
    CHECK(sharpened_top(rows.p[0], beta) == Approx(0.9).epsilon(1e-4));

    // Already calibrated (says 0.7, right 70 % of the time): β stays 1.
    const Rows calibrated = flat_rows(1000, 700, 0.7);
    CHECK(fit_beta(calibrated.p, calibrated.labels) == Approx(1.0).epsilon(1e-4));

    // Over-confident (says 0.99, right 60 %): β below 1 brings the top class down to 0.6.
    const Rows sure = flat_rows(1000, 600, 0.99);
    CHECK(sharpened_top(sure.p[0], fit_beta(sure.p, sure.labels)) == Approx(0.6).epsilon(1e-4));
}

TEST_CASE("calibration without usable rows changes nothing, sharpening keeps the answer and sums to 1", "[calibration]") {
    CHECK(fit_beta({}, {}) == 1.0);
    CHECK(fit_beta({{0.5, 0.5}}, {7}) == 1.0);  // a label that is not one of the classes
    CHECK(fit_beta({{0.5, 0.5}}, {-1}) == 1.0);

    std::vector<double> p{0.1, 0.6, 0.3};
    sharpen(p, 1);
    CHECK(p[1] == Approx(0.6));
    sharpen(p, 2);  // 0.01, 0.36, 0.09 over 0.46
    CHECK(p[0] == Approx(0.01 / 0.46));
    CHECK(p[1] == Approx(0.36 / 0.46));
    CHECK(p[2] == Approx(0.09 / 0.46));
    // A zero probability and a huge β neither divide by zero nor overflow.
    std::vector<double> q{0.0, 0.5, 0.49};
    sharpen(q, 50);
    CHECK(q[0] == Approx(0.0).margin(1e-12));
    CHECK(q[1] + q[2] == Approx(1.0));
    CHECK(q[1] > q[2]);
}
