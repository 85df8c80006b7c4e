#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace tb::map {

// A linear map of dim-dimensional rows onto their principal axes: row ↦ axes · (row − mean).
struct Projection {
    int dim = 0;
    int components = 0;
    std::vector<float> mean;        // dim
    std::vector<float> axes;        // components × dim, unit, orthogonal (zero past the dim-th: see fit_pca)
    std::vector<double> variances;  // per component, descending
};

// The `components` principal axes of `rows` (n × dim, row-major) and the variances along them, fitted on
// at most `max_sample` rows: all of them when n is no larger, else one row drawn at random (from `seed`)
// in each of max_sample equal runs of consecutive rows, so a file sorted by some column is sampled along
// its length. Subspace iteration on the sample's covariance (see PcaFit); deterministic for a seed. Each
// axis has its largest-magnitude coordinate positive, so refits of the same data point the same way.
// Degenerate inputs give a usable projection, never NaN: no rows, one row or equal rows have variances 0
// and some orthonormal axes; past `dim` components the axes are zero (there is no room for more), so the
// extra coordinates project to 0. dim or components under 1 give an empty projection.
Projection fit_pca(std::span<const float> rows, int dim, int components, std::uint64_t seed,
                   std::size_t max_sample = 4096);

// Projects rows [first, first + count) of `rows` (n × p.dim) into `out` (count × p.components), so a big
// set can be projected in slices. Rows past the end of `rows` are not read and their outputs not written.
void project(const Projection& p, std::span<const float> rows, std::size_t first, std::size_t count, float* out);

}  // namespace tb::map
