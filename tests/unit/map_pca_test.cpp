// The map's PCA against data built from known axes and variances; degenerate inputs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "core/map/pca.h"
#include "core/map/pca_fit.h"
#include "core/train/random.h"

#include "map_fixtures.h"

using namespace tb::map;
using namespace tb::map::fixtures;

namespace {

// Rows mean + Σ_c z_c axis_c, z_c uniform with standard deviation deviations[c] (variance exactly its
// square: a uniform on [-√3 s, √3 s]), the axes a seeded random orthonormal set.
struct KnownData {
    int dim = 0;
    std::vector<double> axes;  // deviations.size() × dim
    std::vector<double> mean;
    std::vector<float> rows;
};

KnownData known_data(std::size_t n, int dim, const std::vector<double>& deviations, std::uint64_t seed) {
    KnownData data;
    data.dim = dim;
    const std::size_t d = static_cast<std::size_t>(dim);
    data.axes = random_orthonormal(static_cast<int>(deviations.size()), dim, seed);
    for (std::size_t c = 0; c < d; ++c) data.mean.push_back(3.0 + static_cast<double>(c) * 0.5);
    tb::train::Rng rng(seed + 1);
    data.rows.resize(n * d);
    for (std::size_t r = 0; r < n; ++r) {
        std::vector<double> x = data.mean;
        for (std::size_t c = 0; c < deviations.size(); ++c) {
            const double z = centred_draw(rng) * 2 * std::sqrt(3.0) * deviations[c];
            for (std::size_t e = 0; e < d; ++e) x[e] += z * data.axes[c * d + e];
        }
        for (std::size_t e = 0; e < d; ++e) data.rows[r * d + e] = static_cast<float>(x[e]);
    }
    return data;
}

// The sample covariance (divisor n − 1) of the rows, in doubles.
std::vector<double> covariance(const std::vector<float>& rows, int dim) {
    const std::size_t d = static_cast<std::size_t>(dim), n = rows.size() / d;
    std::vector<double> mean(d, 0.0), c(d * d, 0.0);
    for (std::size_t r = 0; r < n; ++r) {
        for (std::size_t e = 0; e < d; ++e) mean[e] += rows[r * d + e];
    }
    for (double& m : mean) m /= static_cast<double>(n);
    for (std::size_t r = 0; r < n; ++r) {
        for (std::size_t a = 0; a < d; ++a) {
            for (std::size_t b = 0; b < d; ++b) c[a * d + b] += (rows[r * d + a] - mean[a]) * (rows[r * d + b] - mean[b]);
        }
    }
    for (double& v : c) v /= static_cast<double>(n - 1);
    return c;
}

double dot_axis(const Projection& p, int component, const double* v) {
    double sum = 0;
    for (int e = 0; e < p.dim; ++e) sum += p.axes[static_cast<std::size_t>(component * p.dim + e)] * v[e];
    return sum;
}

bool all_finite(const std::vector<double>& values) {
    return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

// Every axis unit (or zero, past the dim-th) and orthogonal to the others, within float rounding.
void check_orthonormal(const Projection& p) {
    REQUIRE(p.axes.size() == static_cast<std::size_t>(p.components * p.dim));
    for (int i = 0; i < p.components; ++i) {
        for (int j = 0; j < p.components; ++j) {
            double sum = 0;
            for (int e = 0; e < p.dim; ++e) {
                sum += static_cast<double>(p.axes[static_cast<std::size_t>(i * p.dim + e)]) * p.axes[static_cast<std::size_t>(j * p.dim + e)];
            }
            const double expected = i == j && i < p.dim ? 1.0 : 0.0;
            CHECK(std::abs(sum - expected) < 1e-5);
        }
    }
}

// The sign rule: each axis's largest-magnitude coordinate (the first of equals) is positive.
void check_sign_rule(const Projection& p) {
    for (int c = 0; c < std::min(p.components, p.dim); ++c) {
        const float* axis = &p.axes[static_cast<std::size_t>(c * p.dim)];
        const float* largest = std::max_element(axis, axis + p.dim, [](float a, float b) { return std::abs(a) < std::abs(b); });
        CHECK(*largest > 0);
    }
}

}  // namespace

TEST_CASE("map pca: finds known axes and variances, with the sign rule", "[map]") {
    const std::vector<double> deviations = {5, 2, 0.5, 0.2, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05};
    const int dim = 12;
    const std::size_t n = 6000;
    const KnownData data = known_data(n, dim, deviations, 7);
    const Projection p = fit_pca(data.rows, dim, 3, 11, n);  // every row
    REQUIRE(p.dim == dim);
    REQUIRE(p.components == 3);
    REQUIRE(p.variances.size() == 3u);
    check_orthonormal(p);
    check_sign_rule(p);

    const std::vector<double> c = covariance(data.rows, dim);
    for (int k = 0; k < 3; ++k) {
        CAPTURE(k);
        // The axis is the one the data were built along (up to sign)...
        CHECK(std::abs(dot_axis(p, k, &data.axes[static_cast<std::size_t>(k * dim)])) > 0.999);
        // ...an eigenvector of the sample covariance: ‖C a − λ a‖ small against λ₁ ...
        std::vector<double> a(p.axes.begin() + k * dim, p.axes.begin() + (k + 1) * dim);
        double residual = 0, rayleigh = 0;
        for (int i = 0; i < dim; ++i) {
            double ca = 0;
            for (int j = 0; j < dim; ++j) ca += c[static_cast<std::size_t>(i * dim + j)] * a[static_cast<std::size_t>(j)];
            residual += (ca - p.variances[static_cast<std::size_t>(k)] * a[static_cast<std::size_t>(i)]) *
                        (ca - p.variances[static_cast<std::size_t>(k)] * a[static_cast<std::size_t>(i)]);
            rayleigh += a[static_cast<std::size_t>(i)] * ca;
        }
        CHECK(std::sqrt(residual) < 1e-4 * 25);  // λ₁ = 25; the fit stops at 1e-5 · λ₁
        // ...whose variance is its Rayleigh quotient, and close to the built one: a uniform's sample variance
        // has standard error s² √(0.8 / n); five of them.
        const double s2 = deviations[static_cast<std::size_t>(k)] * deviations[static_cast<std::size_t>(k)];
        CHECK(p.variances[static_cast<std::size_t>(k)] == Approx(rayleigh).epsilon(1e-4));
        CHECK(std::abs(p.variances[static_cast<std::size_t>(k)] - s2) < 5 * s2 * std::sqrt(0.8 / static_cast<double>(n)));
    }
    CHECK(p.variances[0] > p.variances[1]);
    CHECK(p.variances[1] > p.variances[2]);
    for (int e = 0; e < dim; ++e) {
        double mean = 0;
        for (std::size_t r = 0; r < n; ++r) mean += data.rows[r * dim + static_cast<std::size_t>(e)];
        CHECK(p.mean[static_cast<std::size_t>(e)] == Approx(mean / static_cast<double>(n)).epsilon(1e-6));
    }
}

TEST_CASE("map pca: project() centres on the mean, and slices match one call", "[map]") {
    const int dim = 12;
    const KnownData data = known_data(500, dim, {5, 2, 0.5, 0.2}, 3);
    const Projection p = fit_pca(data.rows, dim, 2, 1);
    std::vector<float> out(2, 1.0f);
    project(p, p.mean, 0, 1, out.data());
    CHECK(out[0] == 0.0f);
    CHECK(out[1] == 0.0f);

    std::vector<float> whole(500 * 2), sliced(500 * 2, -1.0f);
    project(p, data.rows, 0, 500, whole.data());
    for (std::size_t first = 0; first < 500; first += 7) {
        project(p, data.rows, first, std::min<std::size_t>(7, 500 - first), &sliced[first * 2]);
    }
    CHECK(whole == sliced);
    for (std::size_t r = 0; r < 500; r += 50) {
        for (int c = 0; c < 2; ++c) {
            double expected = 0;
            for (int e = 0; e < dim; ++e) {
                const std::size_t at = r * dim + static_cast<std::size_t>(e);
                expected += (static_cast<double>(data.rows[at]) - p.mean[static_cast<std::size_t>(e)]) * p.axes[static_cast<std::size_t>(c * dim + e)];
            }
            CHECK(whole[r * 2 + static_cast<std::size_t>(c)] == Approx(expected).margin(1e-4));
        }
    }
    // Rows past the end are neither read nor written.
    std::vector<float> tail(4 * 2, 9.0f);
    project(p, data.rows, 498, 4, tail.data());
    CHECK(tail[3] == whole[499 * 2 + 1]);
    CHECK(tail[4] == 9.0f);
}

TEST_CASE("map pca: a sample of a big set is deterministic, spread along the file and still right", "[map]") {
    const int dim = 12;
    const std::size_t n = 20000;
    const KnownData data = known_data(n, dim, {5, 2, 0.5, 0.2, 0.1}, 9);
    const Projection a = fit_pca(data.rows, dim, 2, 5);
    const Projection b = fit_pca(data.rows, dim, 2, 5);
    CHECK(a.axes == b.axes);
    CHECK(a.variances == b.variances);
    CHECK(a.mean == b.mean);
    const Projection other = fit_pca(data.rows, dim, 2, 6);
    CHECK(other.mean != a.mean);  // another seed, another sample
    for (const Projection* p : {&a, &other}) {
        for (int k = 0; k < 2; ++k) CHECK(std::abs(dot_axis(*p, k, &data.axes[static_cast<std::size_t>(k * dim)])) > 0.999);
    }

    // A file sorted in two halves (+10 then −10 along the first coordinate): a sample of 100 from 1,000
    // takes one row in each run of ten, 50 from each half, so its mean is 0 and its variance Σ x² / 99 =
    // 100 · 100 / 99. (The first 100 rows, or a random 100, would not be balanced.)
    std::vector<float> halves(1000 * 2, 0.0f);
    for (std::size_t r = 0; r < 1000; ++r) halves[r * 2] = r < 500 ? 10.0f : -10.0f;
    const Projection h = fit_pca(halves, 2, 1, 3, 100);
    CHECK(h.mean[0] == 0.0f);
    CHECK(h.variances[0] == Approx(100.0 * 100 / 99).epsilon(1e-9));
    CHECK(h.axes[0] == Approx(1.0f));
}

TEST_CASE("map pca: forming the covariance or applying it as Xᵀ(Xv) gives the same axes", "[map]") {
    const int dim = 100;
    const KnownData data = known_data(400, dim, {5, 2, 1, 0.01}, 21);
    // At 400 rows × 100 dims and a block of 11, forming C (2M multiply-adds, then 0.11M an iteration) beats
    // Xᵀ(Xv) (0.88M an iteration) from three iterations on: two apply, fifteen form. The data have rank 4,
    // so the first product already spans them and two iterations are exact too.
    PcaSettings applying;
    applying.max_iterations = 2;
    PcaSettings forming;
    PcaFit applied(data.rows, dim, 3, 4, applying);
    PcaFit formed(data.rows, dim, 3, 4, forming);
    CHECK_FALSE(applied.forms_covariance());
    CHECK(formed.forms_covariance());
    applied.step(std::numeric_limits<std::uint64_t>::max());
    // However it is sliced.
    for (int steps = 0; !formed.done(); ++steps) {
        formed.step(1);
        REQUIRE(steps < 1'000'000);
    }
    const Projection& a = applied.result();
    const Projection& f = formed.result();
    for (int k = 0; k < 3; ++k) {
        CAPTURE(k);
        CHECK(dot_axis(a, k, std::vector<double>(f.axes.begin() + k * dim, f.axes.begin() + (k + 1) * dim).data()) > 0.99999);
        CHECK(a.variances[static_cast<std::size_t>(k)] == Approx(f.variances[static_cast<std::size_t>(k)]).epsilon(1e-4));
        CHECK(std::abs(dot_axis(f, k, &data.axes[static_cast<std::size_t>(k * dim)])) > 0.999);
    }
    check_sign_rule(a);
    check_sign_rule(f);

    PcaFit whole(data.rows, dim, 3, 4, forming);
    whole.step(std::numeric_limits<std::uint64_t>::max());
    CHECK(whole.result().axes == f.axes);
    CHECK(whole.result().variances == f.variances);
}

TEST_CASE("map pca: degenerate inputs give a usable projection", "[map]") {
    SECTION("no rows") {
        const Projection p = fit_pca({}, 8, 2, 1);
        CHECK(p.dim == 8);
        CHECK(p.components == 2);
        CHECK(p.mean == std::vector<float>(8, 0.0f));
        CHECK(p.variances == std::vector<double>{0, 0});
        check_orthonormal(p);
    }
    SECTION("one row, and equal rows") {
        const std::vector<float> row = {1.5f, -2, 0.25f, 7, 3};
        for (const std::size_t n : {std::size_t{1}, std::size_t{50}}) {
            std::vector<float> rows;
            for (std::size_t r = 0; r < n; ++r) rows.insert(rows.end(), row.begin(), row.end());
            const Projection p = fit_pca(rows, 5, 2, 1);
            CHECK(p.mean == row);
            CHECK(p.variances == std::vector<double>{0, 0});
            check_orthonormal(p);
            std::vector<float> out(2 * n, 1.0f);
            project(p, rows, 0, n, out.data());
            CHECK(out == std::vector<float>(2 * n, 0.0f));
        }
    }
    SECTION("more components than dims") {
        const KnownData data = known_data(100, 3, {2, 1, 0.5}, 5);
        const Projection p = fit_pca(data.rows, 3, 5, 1);
        REQUIRE(p.components == 5);
        check_orthonormal(p);
        check_sign_rule(p);
        CHECK(p.variances[0] > p.variances[1]);
        CHECK(p.variances[1] > p.variances[2]);
        CHECK(p.variances[2] > 0);
        CHECK(p.variances[3] == 0);
        CHECK(p.variances[4] == 0);
        std::vector<float> out(100 * 5);
        project(p, data.rows, 0, 100, out.data());
        CHECK(all_finite(out));
        CHECK(out[3] == 0.0f);
        CHECK(out[4] == 0.0f);
    }
    SECTION("data along two coordinates of twenty, asked for four axes") {
        // C is exactly zero past its 2 × 2 corner, so the iterated block's products have exactly nothing
        // along the other dims: the third and later vectors must be made up, orthonormal, variance 0.
        tb::train::Rng rng(8);
        std::vector<float> rows(300 * 20, 1.5f);
        for (std::size_t r = 0; r < 300; ++r) {
            rows[r * 20] = static_cast<float>(centred_draw(rng) * 6);
            rows[r * 20 + 1] = static_cast<float>(centred_draw(rng) * 2);
        }
        const Projection p = fit_pca(rows, 20, 4, 1);
        check_orthonormal(p);
        check_sign_rule(p);
        CHECK(all_finite(p.axes));
        // The first two: the eigenpairs of the sample covariance's 2 × 2 corner, worked out directly.
        const std::vector<double> c = covariance(rows, 20);
        const double c00 = c[0], c01 = c[1], c11 = c[21];
        const double middle = (c00 + c11) / 2, spread = std::sqrt((c00 - c11) * (c00 - c11) / 4 + c01 * c01);
        CHECK(p.variances[0] == Approx(middle + spread).epsilon(1e-6));
        CHECK(p.variances[1] == Approx(middle - spread).epsilon(1e-6));
        const double along_x = middle + spread - c11, norm = std::hypot(along_x, c01);  // (λ₁ − c₁₁, c₀₁)
        CHECK(p.axes[0] == Approx(along_x / norm).epsilon(1e-5));
        CHECK(p.axes[1] == Approx(c01 / norm).margin(1e-5));
        CHECK(p.variances[2] < 1e-12);
        CHECK(p.variances[3] < 1e-12);
    }
    SECTION("no dims or no components") {
        CHECK(fit_pca(std::vector<float>(10, 1.0f), 0, 2, 1).components == 0);
        CHECK(fit_pca(std::vector<float>(10, 1.0f), 5, 0, 1).components == 0);
    }
    SECTION("never NaN") {
        for (const int dim : {1, 2, 40}) {
            for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
                const std::vector<float> rows(n * static_cast<std::size_t>(dim), 4.0f);
                const Projection p = fit_pca(rows, dim, 2, 1);
                CHECK(all_finite(p.axes));
                CHECK(all_finite(p.mean));
                CHECK(all_finite(p.variances));
            }
        }
    }
}
