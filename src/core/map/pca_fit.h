#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/map/pca.h"
#include "core/train/random.h"

namespace tb::map {

struct PcaSettings {
    std::size_t max_sample = 4096;  // rows fitted on, as fit_pca
    int max_iterations = 15;
    // Stop when every wanted axis a has ‖C a − λ a‖ ≤ tolerance · λ₁ (C the covariance): its angle to the
    // true axis is then about tolerance · λ₁ / (the gap to the next variance).
    double tolerance = 1e-5;
};

// fit_pca as a step machine, for callers that must fit in slices (Refinement, between frames).
//
// Subspace iteration with Rayleigh–Ritz on a block of `components` + 8 vectors: each iteration applies the
// covariance C to the block, takes the eigenvectors of C within the block's span (a small symmetric
// eigenproblem), and orthonormalises C times them as the next block. The extra vectors make it converge
// at the rate of λ(components + 9) / λ(components) rather than of neighbouring variances. C is applied as
// Xᵀ(X v) from the centred sample X, or formed once (dim × dim) when that costs fewer multiply-adds over
// the iterations allowed: small dims form it, 1536 dims never do.
//
// Work is counted in multiply-adds, roughly; step(work) does about that much, in units of a sample row
// (four in the Xᵀ(X v) pass) or of one small eigenproblem, and at least one unit. The result does not
// depend on how it is sliced.
class PcaFit {
public:
    // `rows` is borrowed: it must outlive the fit and not change while it runs.
    PcaFit(std::span<const float> rows, int dim, int components, std::uint64_t seed, PcaSettings settings = {});

    std::uint64_t step(std::uint64_t work);
    bool done() const { return stage_ == Stage::Done; }
    // The work of a fit that runs to max_iterations; one that converges sooner does less.
    std::uint64_t planned_work() const;
    int iterations() const { return iterations_; }
    // Whether C is formed (dim × dim) rather than applied as Xᵀ(X v): chosen by cost, see above.
    bool forms_covariance() const { return formed_; }
    // The fitted projection, once done.
    const Projection& result() const { return result_; }

private:
    enum class Stage { Gathering, Centring, Forming, Applying, Done };

    std::uint64_t gather_row();
    std::uint64_t centre_row();
    std::uint64_t form_row();
    std::uint64_t apply();
    std::uint64_t rayleigh_ritz();
    std::uint64_t ritz_work() const;
    void finish(const std::vector<double>& ritz_vectors, const std::vector<double>& ritz_values);

    std::span<const float> rows_;
    std::size_t dim_ = 0;
    std::size_t rows_count_ = 0;
    std::size_t sample_ = 0;  // rows fitted on
    int components_ = 0;      // asked for
    std::size_t wanted_ = 0;  // axes that fit in dim
    std::size_t block_ = 0;   // vectors iterated
    PcaSettings settings_;
    bool formed_ = false;  // C formed rather than applied as Xᵀ(X v)
    train::Rng rng_;

    Stage stage_ = Stage::Gathering;
    std::size_t next_ = 0;  // the sample row the current stage is at
    int iterations_ = 0;

    std::vector<float> centred_;     // sample × dim
    std::vector<double> sum_;        // dim, then the mean
    std::vector<float> mean_;        // dim
    std::vector<double> covariance_; // dim × dim, unscaled Xᵀ X, when formed
    std::vector<double> block_vectors_;  // block × dim, orthonormal
    std::vector<double> applied_;        // block × dim: Xᵀ X times each block vector
    std::vector<float> block_floats_;    // the block and its product in floats for the Xᵀ(X v) pass
    std::vector<float> applied_floats_;
    Projection result_;
};

}  // namespace tb::map
