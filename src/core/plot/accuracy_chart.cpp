#include "core/plot/accuracy_chart.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/eval/candidate.h"

namespace tb::plot {

std::vector<std::size_t> best_first(std::span<const double> accuracies) {
    std::vector<std::size_t> order(accuracies.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    // Equal values keep their order by the index: a plain sort then does what a stable one would.
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const double x = accuracies[a], y = accuracies[b];
        if (std::isnan(x) != std::isnan(y)) return std::isnan(y);
        if (!std::isnan(x) && x != y) return x > y;
        return a < b;
    });
    return order;
}

double majority_baseline(const std::vector<data::SplitRow>& train, const std::vector<data::SplitRow>& test,
                         const std::vector<std::string>& classes) {
    if (test.empty() || classes.empty()) return std::numeric_limits<double>::quiet_NaN();
    const std::string label = eval::majority_label(train, classes);
    const auto right = std::count_if(test.begin(), test.end(), [&](const data::SplitRow& row) { return row.label == label; });
    return static_cast<double>(right) / static_cast<double>(test.size());
}

}  // namespace tb::plot
