#include "core/map/pca_fit.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/map/float_kernels.h"

namespace tb::map {

namespace {

// Vectors beyond the wanted axes in the iterated block: see PcaFit.
constexpr std::size_t kExtraVectors = 8;
// Sample rows applied together in Xᵀ(X v), as float_kernels.h's four-row kernels take them.
constexpr std::size_t kRowsAtOnce = 4;
// The Jacobi eigensolver's work, for planning only: about 6 size³ a sweep, some 8 sweeps.
constexpr std::uint64_t kJacobiWorkPerCube = 6 * 8;

double dot(const double* a, const double* b, std::size_t n) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += a[i] * b[i];
    return sum;
}

// y += a x
void add_scaled(double* y, const double* x, double a, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) y[i] += a * x[i];
}

// Orthonormalises the `count` rows of `vectors` (count × dim, count ≤ dim) in order, by modified
// Gram–Schmidt run twice (once loses orthogonality when a row is nearly in the span of the earlier ones).
// A row that is (nearly) in that span — C times the block is rank-deficient whenever the data are — is
// replaced by the coordinate axis the earlier rows cover least, so the result is always a full
// orthonormal set.
void orthonormalise(std::vector<double>& vectors, std::size_t count, std::size_t dim) {
    double largest = 0;
    for (std::size_t j = 0; j < count; ++j) largest = std::max(largest, std::sqrt(dot(&vectors[j * dim], &vectors[j * dim], dim)));
    const auto remove_earlier = [&](double* v, std::size_t j) {
        for (int pass = 0; pass < 2; ++pass) {
            for (std::size_t i = 0; i < j; ++i) add_scaled(v, &vectors[i * dim], -dot(&vectors[i * dim], v, dim), dim);
        }
    };
    for (std::size_t j = 0; j < count; ++j) {
        double* v = &vectors[j * dim];
        remove_earlier(v, j);
        double norm = std::sqrt(dot(v, v, dim));
        if (!(norm > 1e-10 * largest)) {
            // 1 − Σ v_i[t]² is how much of axis t the earlier rows leave: at least (dim − j) / dim for some t.
            std::size_t axis = 0;
            double best = -1;
            for (std::size_t t = 0; t < dim; ++t) {
                double left = 1;
                for (std::size_t i = 0; i < j; ++i) left -= vectors[i * dim + t] * vectors[i * dim + t];
                if (left > best) {
                    best = left;
                    axis = t;
                }
            }
            std::fill(v, v + dim, 0.0);
            v[axis] = 1;
            remove_earlier(v, j);
            norm = std::sqrt(dot(v, v, dim));
        }
        for (std::size_t i = 0; i < dim; ++i) v[i] /= norm;
    }
}

// The eigenvalues (descending, ties in index order) and eigenvectors of the symmetric size × size matrix
// `a` (row-major; destroyed), by cyclic Jacobi rotations: exact to rounding, simple, and the block is at
// most a few dozen wide. vectors[i * size + k] is coordinate i of eigenvector k.
void symmetric_eigen(std::vector<double>& a, std::size_t size, std::vector<double>& values, std::vector<double>& vectors) {
    // The rotations' product, one eigenvector a row (so each rotation runs along rows).
    std::vector<double> rotated(size * size, 0.0);
    for (std::size_t i = 0; i < size; ++i) rotated[i * size + i] = 1;
    for (int sweep = 0; sweep < 60; ++sweep) {
        double off = 0, diagonal = 0;
        for (std::size_t p = 0; p < size; ++p) {
            diagonal += a[p * size + p] * a[p * size + p];
            for (std::size_t q = p + 1; q < size; ++q) off += a[p * size + q] * a[p * size + q];
        }
        if (!(off > 1e-30 * diagonal)) break;
        for (std::size_t p = 0; p < size; ++p) {
            for (std::size_t q = p + 1; q < size; ++q) {
                const double apq = a[p * size + q], app = a[p * size + p], aqq = a[q * size + q];
                if (apq == 0) continue;
                // Negligible against both diagonal entries: rotating would change nothing representable.
                if (std::abs(app) + 100 * std::abs(apq) == std::abs(app) && std::abs(aqq) + 100 * std::abs(apq) == std::abs(aqq)) {
                    a[p * size + q] = a[q * size + p] = 0;
                    continue;
                }
                // The smaller root t of t² + 2θt − 1 = 0 zeroes a_pq with the smallest rotation (Numerical
                // Recipes' form: rows p and q rotate, the matrix stays symmetric, the diagonal moves by t a_pq).
                const double theta = (aqq - app) / (2 * apq);
                const double t = (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1));
                const double c = 1 / std::sqrt(t * t + 1), s = t * c;
                for (std::size_t k = 0; k < size; ++k) {
                    if (k == p || k == q) continue;
                    const double akp = a[p * size + k], akq = a[q * size + k];
                    a[p * size + k] = a[k * size + p] = c * akp - s * akq;
                    a[q * size + k] = a[k * size + q] = s * akp + c * akq;
                }
                a[p * size + p] = app - t * apq;
                a[q * size + q] = aqq + t * apq;
                a[p * size + q] = a[q * size + p] = 0;
                double* ep = &rotated[p * size];
                double* eq = &rotated[q * size];
                for (std::size_t k = 0; k < size; ++k) {
                    const double vp = ep[k], vq = eq[k];
                    ep[k] = c * vp - s * vq;
                    eq[k] = s * vp + c * vq;
                }
            }
        }
    }
    std::vector<std::size_t> order(size);
    std::iota(order.begin(), order.end(), std::size_t{0});
    // Largest eigenvalue first, ties in their order: an insertion sort, as `size` is a few dozen at most and
    // std::stable_sort's merging would add kilobytes to the page.
    const auto value = [&](std::size_t k) { return a[k * size + k]; };
    for (std::size_t k = 1; k < size; ++k) {
        const std::size_t moving = order[k];
        std::size_t at = k;
        for (; at > 0 && value(order[at - 1]) < value(moving); --at) order[at] = order[at - 1];
        order[at] = moving;
    }
    values.resize(size);
    vectors.resize(size * size);
    for (std::size_t k = 0; k < size; ++k) {
        values[k] = a[order[k] * size + order[k]];
        for (std::size_t i = 0; i < size; ++i) vectors[i * size + k] = rotated[order[k] * size + i];
    }
}

}  // namespace

PcaFit::PcaFit(std::span<const float> rows, int dim, int components, std::uint64_t seed, PcaSettings settings)
    : rows_(rows), settings_(settings), rng_(seed) {
    if (dim < 1 || components < 1) {
        stage_ = Stage::Done;
        return;
    }
    dim_ = static_cast<std::size_t>(dim);
    components_ = components;
    rows_count_ = rows.size() / dim_;
    sample_ = std::min(rows_count_, settings_.max_sample);
    wanted_ = std::min(static_cast<std::size_t>(components), dim_);
    block_ = std::min(dim_, wanted_ + kExtraVectors);
    settings_.max_iterations = std::max(settings_.max_iterations, 1);
    // Counted in 64 bits: size_t is 32 in WebAssembly.
    const std::uint64_t iterations = static_cast<std::uint64_t>(settings_.max_iterations);
    const std::uint64_t sample = sample_, d = dim_, block = block_;
    formed_ = sample * d * d / 2 + iterations * d * d * block < iterations * 2 * sample * d * block;

    // A random start: orthogonal to no axis, almost surely.
    block_vectors_.resize(block_ * dim_);
    for (double& v : block_vectors_) v = rng_.unit_float() - 0.5;
    orthonormalise(block_vectors_, block_, dim_);
    centred_.resize(sample_ * dim_);
    sum_.assign(dim_, 0.0);
    if (formed_) covariance_.assign(dim_ * dim_, 0.0);
}

std::uint64_t PcaFit::planned_work() const {
    const std::uint64_t iterations = static_cast<std::uint64_t>(settings_.max_iterations);
    const std::uint64_t sample = sample_, d = dim_, block = block_;
    const std::uint64_t per_iteration = (formed_ ? d * d * block : 2 * sample * d * block) + ritz_work();
    return 2 * sample * d + (formed_ ? sample * d * d / 2 : 0) + iterations * per_iteration;
}

std::uint64_t PcaFit::ritz_work() const {
    const std::uint64_t d = dim_, block = block_;
    return 3 * block * block * d + kJacobiWorkPerCube * block * block * block;
}

std::uint64_t PcaFit::step(std::uint64_t work) {
    std::uint64_t did = 0;
    while (stage_ != Stage::Done && (did == 0 || did < work)) {
        switch (stage_) {
        case Stage::Gathering: did += gather_row(); break;
        case Stage::Centring: did += centre_row(); break;
        case Stage::Forming: did += form_row(); break;
        case Stage::Applying: did += apply(); break;
        case Stage::Done: break;
        }
    }
    return did;
}

// Copies the next sample row and adds it to the sum. With more rows than the sample, row i of the sample is
// drawn from the i-th of `sample_` equal runs.
std::uint64_t PcaFit::gather_row() {
    if (next_ == sample_) {
        for (std::size_t d = 0; d < dim_; ++d) mean_.push_back(sample_ ? static_cast<float>(sum_[d] / static_cast<double>(sample_)) : 0.0f);
        next_ = 0;
        stage_ = Stage::Centring;
        return 1;
    }
    std::size_t row = next_;
    if (rows_count_ > sample_) {
        const std::uint64_t n = rows_count_, i = next_;
        const std::uint64_t from = i * n / sample_, to = (i + 1) * n / sample_;
        row = static_cast<std::size_t>(from + rng_.below(to - from));
    }
    const float* x = rows_.data() + row * dim_;
    std::copy(x, x + dim_, centred_.begin() + static_cast<std::ptrdiff_t>(next_ * dim_));
    for (std::size_t d = 0; d < dim_; ++d) sum_[d] += x[d];
    ++next_;
    return dim_;
}

// Centred with the float mean the projection will subtract, so what is fitted is what is projected.
std::uint64_t PcaFit::centre_row() {
    if (next_ == sample_) {
        next_ = 0;
        stage_ = formed_ ? Stage::Forming : Stage::Applying;
        return 1;
    }
    float* x = &centred_[next_ * dim_];
    for (std::size_t d = 0; d < dim_; ++d) x[d] -= mean_[d];
    ++next_;
    return dim_;
}

// Adds one row's outer product to the upper triangle of XᵀX; the last call mirrors it.
std::uint64_t PcaFit::form_row() {
    if (next_ == sample_) {
        for (std::size_t i = 0; i < dim_; ++i) {
            for (std::size_t j = 0; j < i; ++j) covariance_[i * dim_ + j] = covariance_[j * dim_ + i];
        }
        centred_ = {};  // applied from here on through the formed matrix
        next_ = 0;
        stage_ = Stage::Applying;
        return 1;
    }
    const float* x = &centred_[next_ * dim_];
    for (std::size_t i = 0; i < dim_; ++i) {
        double* c = &covariance_[i * dim_];
        const double xi = x[i];
        for (std::size_t j = i; j < dim_; ++j) c[j] += xi * x[j];
    }
    ++next_;
    return static_cast<std::uint64_t>(dim_) * dim_ / 2;
}

// One unit of applying XᵀX to the block: the whole product when formed, else a few sample rows' share of
// Xᵀ(X v), accumulated in floats (the sample is floats, and the vectorised loops are float loops). Rows
// go kRowsAtOnce at a time so that each block vector, and its product, is read once for all of them: at
// 1536 dims the block is too big for the fastest cache.
std::uint64_t PcaFit::apply() {
    if (formed_) {
        applied_.assign(block_ * dim_, 0.0);
        for (std::size_t k = 0; k < block_; ++k) {
            for (std::size_t i = 0; i < dim_; ++i) applied_[k * dim_ + i] = dot(&covariance_[i * dim_], &block_vectors_[k * dim_], dim_);
        }
        return static_cast<std::uint64_t>(block_) * dim_ * dim_ + rayleigh_ritz();
    }
    if (next_ == 0) {
        block_floats_.assign(block_vectors_.begin(), block_vectors_.end());
        applied_floats_.assign(block_ * dim_, 0.0f);
    }
    if (next_ == sample_) {
        applied_.assign(applied_floats_.begin(), applied_floats_.end());
        next_ = 0;
        return rayleigh_ritz();
    }
    const std::size_t rows = std::min(kRowsAtOnce, sample_ - next_);
    const float* x[kRowsAtOnce];
    for (std::size_t r = 0; r < kRowsAtOnce; ++r) x[r] = &centred_[(next_ + std::min(r, rows - 1)) * dim_];
    for (std::size_t k = 0; k < block_; ++k) {
        float along[kRowsAtOnce];
        dot_four_rows(x, &block_floats_[k * dim_], dim_, along);
        // A row repeated to fill the group adds nothing.
        for (std::size_t r = rows; r < kRowsAtOnce; ++r) along[r] = 0;
        add_four_rows_scaled(&applied_floats_[k * dim_], x, along, dim_);
    }
    next_ += rows;
    return static_cast<std::uint64_t>(2) * rows * block_ * dim_;
}

// With the block V orthonormal and W = XᵀX V: the eigenpairs (θ, e) of Vᵀ C V give Ritz vectors Vᵀe whose
// residuals ‖C u − θ u‖ say how far from C's eigenvectors they are. Either they are close enough, or C
// times them, orthonormalised, is the next block.
std::uint64_t PcaFit::rayleigh_ritz() {
    const double scale = 1.0 / static_cast<double>(std::max<std::size_t>(sample_, 2) - 1);
    std::vector<double> small(block_ * block_);
    for (std::size_t i = 0; i < block_; ++i) {
        for (std::size_t k = 0; k < block_; ++k) small[i * block_ + k] = scale * dot(&block_vectors_[i * dim_], &applied_[k * dim_], dim_);
    }
    for (std::size_t i = 0; i < block_; ++i) {
        for (std::size_t k = 0; k < i; ++k) small[i * block_ + k] = small[k * block_ + i] = (small[i * block_ + k] + small[k * block_ + i]) / 2;
    }
    std::vector<double> values, vectors;
    symmetric_eigen(small, block_, values, vectors);

    std::vector<double> ritz(block_ * dim_, 0.0), ritz_applied(block_ * dim_, 0.0);
    for (std::size_t k = 0; k < block_; ++k) {
        for (std::size_t i = 0; i < block_; ++i) {
            const double e = vectors[i * block_ + k];
            add_scaled(&ritz[k * dim_], &block_vectors_[i * dim_], e, dim_);
            add_scaled(&ritz_applied[k * dim_], &applied_[i * dim_], e * scale, dim_);
        }
    }
    double residual = 0;
    for (std::size_t k = 0; k < wanted_; ++k) {
        double squares = 0;
        for (std::size_t d = 0; d < dim_; ++d) {
            const double r = ritz_applied[k * dim_ + d] - values[k] * ritz[k * dim_ + d];
            squares += r * r;
        }
        residual = std::max(residual, std::sqrt(squares));
    }
    ++iterations_;
    // No variance at all (no rows, or equal rows) converges at once; so does a NaN from NaN data.
    const bool converged = !(residual > settings_.tolerance * values[0]);
    if (converged || iterations_ >= settings_.max_iterations) {
        finish(ritz, values);
    } else {
        block_vectors_ = std::move(ritz_applied);
        orthonormalise(block_vectors_, block_, dim_);
    }
    return ritz_work();
}

void PcaFit::finish(const std::vector<double>& ritz_vectors, const std::vector<double>& ritz_values) {
    result_.dim = static_cast<int>(dim_);
    result_.components = components_;
    result_.mean = mean_;
    const std::size_t components = static_cast<std::size_t>(components_);
    result_.axes.assign(components * dim_, 0.0f);
    result_.variances.assign(components, 0.0);
    for (std::size_t k = 0; k < wanted_; ++k) {
        float* axis = &result_.axes[k * dim_];
        for (std::size_t d = 0; d < dim_; ++d) axis[d] = static_cast<float>(ritz_vectors[k * dim_ + d]);
        // The sign rule is applied to the floats returned, so it holds exactly for them.
        std::size_t largest = 0;
        for (std::size_t d = 1; d < dim_; ++d) {
            if (std::abs(axis[d]) > std::abs(axis[largest])) largest = d;
        }
        if (axis[largest] < 0) {
            for (std::size_t d = 0; d < dim_; ++d) axis[d] = -axis[d];
        }
        result_.variances[k] = std::max(ritz_values[k], 0.0);
    }
    centred_ = {};
    covariance_ = {};
    stage_ = Stage::Done;
}

}  // namespace tb::map
