#include "core/map/quality.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <vector>

namespace tb::map {

double trustworthiness(std::span<const float> high, int dim, std::span<const float> low, int k) {
    const std::size_t n = low.size() / 2;
    if (dim < 1 || k < 1 || high.size() != n * static_cast<std::size_t>(dim) || 2 * static_cast<std::size_t>(k) >= n) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const std::size_t d = static_cast<std::size_t>(dim), neighbours = static_cast<std::size_t>(k);
    std::vector<double> high_distance(n), low_distance(n);
    std::vector<std::size_t> nearest(n);
    double penalty = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const float* xi = &high[i * d];
        for (std::size_t j = 0; j < n; ++j) {
            const float* xj = &high[j * d];
            double sum = 0;
            for (std::size_t c = 0; c < d; ++c) sum += (static_cast<double>(xi[c]) - xj[c]) * (static_cast<double>(xi[c]) - xj[c]);
            high_distance[j] = sum;
            const double dx = static_cast<double>(low[2 * i]) - low[2 * j], dy = static_cast<double>(low[2 * i + 1]) - low[2 * j + 1];
            low_distance[j] = dx * dx + dy * dy;
        }
        // Point i itself is no neighbour: it goes last in both orders.
        high_distance[i] = low_distance[i] = std::numeric_limits<double>::infinity();
        const auto before = [](const std::vector<double>& distance, std::size_t a, std::size_t b) {
            return distance[a] < distance[b] || (distance[a] == distance[b] && a < b);
        };
        std::iota(nearest.begin(), nearest.end(), std::size_t{0});
        std::partial_sort(nearest.begin(), nearest.begin() + static_cast<std::ptrdiff_t>(neighbours), nearest.end(),
                          [&](std::size_t a, std::size_t b) { return before(low_distance, a, b); });
        for (std::size_t t = 0; t < neighbours; ++t) {
            const std::size_t j = nearest[t];
            std::size_t rank = 1;  // 1 + the rows nearer to i than j
            for (std::size_t m = 0; m < n; ++m) rank += before(high_distance, m, j);
            if (rank > neighbours) penalty += static_cast<double>(rank - neighbours);
        }
    }
    const double nd = static_cast<double>(n), kd = static_cast<double>(k);
    return 1 - 2 / (nd * kd * (2 * nd - 3 * kd - 1)) * penalty;
}

}  // namespace tb::map
