#pragma once

// Data the map's tests share: random draws, random orthonormal axes, and a check on layouts.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <span>
#include <vector>

#include "core/train/random.h"

namespace tb::map::fixtures {

// Uniform in [-0.5, 0.5).
inline double centred_draw(tb::train::Rng& rng) { return rng.unit_float() - 0.5; }

// `count` orthonormal vectors of `dim` (count × dim), from Gram–Schmidt on random ones.
inline std::vector<double> random_orthonormal(int count, int dim, std::uint64_t seed) {
    tb::train::Rng rng(seed);
    const std::size_t d = static_cast<std::size_t>(dim);
    std::vector<double> q(static_cast<std::size_t>(count) * d);
    for (double& v : q) v = centred_draw(rng);
    for (int j = 0; j < count; ++j) {
        double* qj = &q[j * d];
        for (int pass = 0; pass < 2; ++pass) {
            for (int i = 0; i < j; ++i) {
                const double* qi = &q[i * d];
                const double along = std::inner_product(qi, qi + d, qj, 0.0);
                for (std::size_t c = 0; c < d; ++c) qj[c] -= along * qi[c];
            }
        }
        const double norm = std::sqrt(std::inner_product(qj, qj + d, qj, 0.0));
        for (std::size_t c = 0; c < d; ++c) qj[c] /= norm;
    }
    return q;
}

inline bool all_finite(std::span<const float> values) {
    return std::all_of(values.begin(), values.end(), [](float v) { return std::isfinite(v); });
}

}  // namespace tb::map::fixtures
