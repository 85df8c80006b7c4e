#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/train/random.h"

namespace tb::map {

// UMAP's optimisation of a 2-D layout (McInnes, Healy & Melville, 2018), as a step machine: each epoch
// visits every edge i → j of the k-nearest-neighbour graph once, pulls i and j together, and pushes i away
// from a few points drawn at random (negative sampling, standing in for the repulsion of all pairs), with
// a step size falling linearly to 0 over the epochs.
//
// Two simplifications of UMAP, for speed and portability (no exp or pow, so WebAssembly rounds as native):
// every edge weighs the same, where UMAP weighs an edge by a fuzzy membership fitted per point — Böhm,
// Berens & Kobak (JMLR 2022) show the layouts barely change; and the similarity in the layout is
// 1 / (1 + d²), t-SNE's, i.e. UMAP's a = b = 1 (its default min_dist fits a ≈ 1.58, b ≈ 0.9: a little
// tighter clusters). Positions are in UMAP's frame: a start spread over about ±10.
//
// Work is counted in the unit of the other step machines (about one multiply-add of their loops, in time);
// step(work) does about that much, in units of one point's edges. Deterministic for a seed.
class LayoutSgd {
public:
    // `neighbours` (n × k, kNone entries skipped) is borrowed: it must outlive the layout.
    LayoutSgd(std::span<const std::uint32_t> neighbours, int k, std::vector<float> start, std::uint64_t seed, int epochs);

    std::uint64_t step(std::uint64_t work);
    bool done() const { return epoch_ >= epochs_; }
    static std::uint64_t planned_work(std::size_t points, int k, int epochs);
    std::span<const float> positions() const { return positions_; }

private:
    void visit_point();

    std::span<const std::uint32_t> neighbours_;
    std::size_t k_ = 0;
    std::size_t n_ = 0;
    std::vector<float> positions_;  // n × 2
    train::Rng rng_;
    int epochs_ = 0;
    int epoch_ = 0;
    std::size_t next_ = 0;  // the point whose edges come next
};

}  // namespace tb::map
