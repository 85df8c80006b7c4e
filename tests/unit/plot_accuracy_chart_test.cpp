#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "core/plot/accuracy_chart.h"

using tb::plot::best_first;
using tb::plot::majority_baseline;

namespace {
std::vector<tb::data::SplitRow> rows(std::initializer_list<const char*> labels) {
    std::vector<tb::data::SplitRow> out;
    for (const char* label : labels) out.push_back({out.size(), 0, label, {}});
    return out;
}
}  // namespace

TEST_CASE("an accuracy chart lists the best first, ties in the order given, unscored last") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> accuracies = {0.5, nan, 0.88, 0.5, 0.8, nan, 0.31};
    CHECK(best_first(accuracies) == std::vector<std::size_t>{2, 4, 0, 3, 6, 1, 5});
    CHECK(best_first(std::vector<double>{}).empty());
    CHECK(best_first(std::vector<double>{0.2}) == std::vector<std::size_t>{0});
}

TEST_CASE("the majority baseline is the share of test rows in the training rows' most common class") {
    const std::vector<std::string> classes = {"Mortgage", "Debt collection", "Student loan"};
    const auto train = rows({"Debt collection", "Mortgage", "Debt collection", "Student loan"});
    // Debt collection is the most common training class; 2 of the 5 test rows are in it.
    const auto test = rows({"Mortgage", "Debt collection", "Student loan", "Debt collection", "Mortgage"});
    CHECK(majority_baseline(train, test, classes) == Approx(0.4));
    // Not the test rows' own most common class: Mortgage would give 0.4 as well, so tip the scale.
    const auto test2 = rows({"Mortgage", "Mortgage", "Mortgage", "Debt collection"});
    CHECK(majority_baseline(train, test2, classes) == Approx(0.25));
    CHECK(std::isnan(majority_baseline(train, {}, classes)));
    CHECK(std::isnan(majority_baseline(train, test, {})));
}
