#include "core/map/pca.h"

#include <algorithm>
#include <limits>

#include "core/map/pca_fit.h"
#include "core/map/float_kernels.h"

namespace tb::map {

Projection fit_pca(std::span<const float> rows, int dim, int components, std::uint64_t seed, std::size_t max_sample) {
    PcaSettings settings;
    settings.max_sample = max_sample;
    PcaFit fit(rows, dim, components, seed, settings);
    fit.step(std::numeric_limits<std::uint64_t>::max());
    return fit.result();
}

void project(const Projection& p, std::span<const float> rows, std::size_t first, std::size_t count, float* out) {
    if (p.dim < 1) return;
    const std::size_t dim = static_cast<std::size_t>(p.dim), components = static_cast<std::size_t>(p.components);
    const std::size_t available = rows.size() / dim;
    const std::size_t end = first < available ? first + std::min(count, available - first) : first;
    std::vector<float> centred(dim);
    for (std::size_t r = first; r < end; ++r) {
        const float* x = rows.data() + r * dim;
        for (std::size_t d = 0; d < dim; ++d) centred[d] = x[d] - p.mean[d];
        float* o = out + (r - first) * components;
        for (std::size_t c = 0; c < components; ++c) o[c] = dot(centred.data(), &p.axes[c * dim], dim);
    }
}

}  // namespace tb::map
