#include "core/linear/class_rows.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/train/random.h"

namespace tb::linear {

std::vector<double> balanced_weights(const std::vector<int>& labels, std::size_t classes) {
    std::vector<std::size_t> counts(classes, 0);
    for (const int label : labels) ++counts[static_cast<std::size_t>(label)];
    const auto present = static_cast<double>(std::count_if(counts.begin(), counts.end(), [](std::size_t c) { return c > 0; }));
    std::vector<double> out;
    out.reserve(labels.size());
    for (const int label : labels) {
        out.push_back(static_cast<double>(labels.size()) / (present * static_cast<double>(counts[static_cast<std::size_t>(label)])));
    }
    return out;
}

std::vector<std::size_t> stratified_share(const std::vector<std::size_t>& rows, const std::vector<int>& labels,
                                          std::size_t classes, double share, std::uint64_t seed) {
    std::vector<std::vector<std::size_t>> by_class(classes);
    for (const std::size_t row : rows) by_class[static_cast<std::size_t>(labels[row])].push_back(row);
    train::Rng rng(seed);
    std::vector<std::size_t> out;
    for (std::vector<std::size_t>& of_class : by_class) {
        if (of_class.empty()) continue;
        for (std::size_t i = of_class.size(); i > 1; --i) {
            std::swap(of_class[i - 1], of_class[static_cast<std::size_t>(rng.below(i))]);  // Fisher–Yates
        }
        const auto keep = std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(share * static_cast<double>(of_class.size()))));
        out.insert(out.end(), of_class.begin(), of_class.begin() + static_cast<std::ptrdiff_t>(std::min(keep, of_class.size())));
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::size_t> tuning_sample(const std::vector<int>& labels, std::size_t classes, std::size_t tune_rows,
                                       std::size_t grid_size, std::uint64_t seed) {
    const std::size_t rows = labels.size();
    // A grid of one setting has nothing to choose: it is fitted on every row at once.
    if (tune_rows == 0 || rows <= tune_rows || grid_size <= 1) return {};
    std::vector<std::size_t> all(rows);
    std::iota(all.begin(), all.end(), std::size_t{0});
    return stratified_share(all, labels, classes, static_cast<double>(tune_rows) / static_cast<double>(rows), seed);
}

}  // namespace tb::linear
