// The linear solver's stopping rule on many rows (src/core/linear/softmax_regression.h): the gradient
// tolerance of the mean objective alone lets a warm start for a weaker penalty pass at once, while the
// step tolerance moves it to that penalty's own minimum.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/linear/softmax_regression.h"
#include "core/train/random.h"

using namespace tb::linear;

namespace {

// Rows of 3 classes over 3,000 columns, 4 columns a row: three from its class's thousand, one from
// anywhere, so no class is separable and each column is in about 27 of 20,000 rows: rare, as most
// TF-IDF columns are, so the penalty's C shapes its weight.
struct Data {
    FeatureRows rows;
    std::vector<int> labels;
    std::vector<double> weights;
};

Data noisy_rows(std::size_t count) {
    Data out;
    out.rows.width = 3000;
    tb::train::Rng rng(42);
    std::vector<std::int32_t> columns;
    std::vector<float> values;
    for (std::size_t i = 0; i < count; ++i) {
        const int label = static_cast<int>(rng.below(3));
        columns.clear();
        while (columns.size() < 4) {
            const auto column = static_cast<std::int32_t>(columns.size() == 3 ? rng.below(3000) : 1000 * label + static_cast<int>(rng.below(1000)));
            if (std::find(columns.begin(), columns.end(), column) == columns.end()) columns.push_back(column);
        }
        std::sort(columns.begin(), columns.end());
        values.assign(columns.size(), 0.5f);  // unit L2 norm, as TF-IDF rows
        out.rows.add_row(columns, values);
        out.labels.push_back(label);
        out.weights.push_back(1.0);
    }
    return out;
}

struct Solution {
    std::vector<double> parameters;
    int iterations = 0;
    bool converged = false;
};

Solution solve(const Problem& problem, double strength, double tolerance, double step_tolerance, std::vector<double> start) {
    SolverSettings settings;
    settings.strength = strength;
    settings.tolerance = tolerance;
    settings.step_tolerance = step_tolerance;
    settings.max_iterations = 5000;
    SoftmaxSolver solver(problem, settings, std::move(start));
    while (!solver.done()) solver.step(5000);
    return {solver.parameters(), solver.iterations(), solver.converged()};
}

double largest_difference(const std::vector<double>& a, const std::vector<double>& b) {
    double out = 0;
    for (std::size_t i = 0; i < a.size(); ++i) out = std::max(out, std::abs(a[i] - b[i]));
    return out;
}

}  // namespace

TEST_CASE("on many rows the step tolerance resolves C where the mean gradient's tolerance cannot", "[linear]") {
    const Data data = noisy_rows(20000);
    const Problem problem(&data.rows, data.labels, data.weights, 3, 1.0);
    // Each minimum to its weights' last digits that matter here (the gradient alone could not say so).
    const Solution at_10 = solve(problem, 10, 1e-12, 1e-7, {});
    const Solution at_30 = solve(problem, 30, 1e-12, 1e-7, {});
    // The two minima differ by far more than the step tolerance used below ...
    const double apart = largest_difference(at_10.parameters, at_30.parameters);
    CHECK(apart > 0.1);
    // ... yet from C = 10's minimum, C = 30's gradient is (1/10 − 1/30) w / 20,000: under 1e-4, so the
    // gradient tolerance alone stops at once, where it started.
    const Solution loose = solve(problem, 30, 1e-4, 0, at_10.parameters);
    CHECK(loose.converged);
    CHECK(loose.iterations == 0);
    CHECK(largest_difference(loose.parameters, at_30.parameters) == Approx(apart));
    // With the step tolerance it moves to C = 30's minimum, within about that tolerance.
    const Solution resolved = solve(problem, 30, 1e-4, 1e-3, at_10.parameters);
    CHECK(resolved.converged);
    CHECK(resolved.iterations > 0);
    CHECK(largest_difference(resolved.parameters, at_30.parameters) < 0.01);
}
