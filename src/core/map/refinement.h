#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/map/layout_sgd.h"
#include "core/map/neighbours.h"
#include "core/map/pca.h"
#include "core/map/pca_fit.h"

namespace tb::map {

// The most rows a refinement is meant for: callers with more refine a sample (more still works, each step
// as short, the whole run longer).
constexpr std::size_t kMaxRefinedRows = 50000;

// A layout that keeps each row's nearest neighbours near, refined from a starting one (the PCA map) in
// slices a browser can run between frames: UMAP-like (a k-nearest-neighbour graph, then SGD pulling along
// its edges and pushing from random points; see LayoutSgd). Chosen over t-SNE because every step is local:
// t-SNE's repulsion needs all pairs, or a Barnes–Hut tree rebuilt each iteration, while negative sampling
// costs a few random points per edge and slices anywhere. Starting from the PCA layout rather than a
// random one keeps the big picture (which cluster lies beside which) of the map the user first saw.
//
// Rows of more than 32 dims are first reduced to 32 by PCA (fitted on a sample), where the neighbours are
// sought (see NeighbourSearch: random-projection trees and NN-descent, not brute force); the rows are then
// released. The layout is worked in UMAP's frame and shown fitted into the start's bounding box (same
// centre, one scale for both axes), so a view fitted to the start still fits.
//
// step() does a bounded slice of work (about 2 ms natively at n = 50,000, dim = 64); no threads, no clock.
// Deterministic for a seed, however the caller slices its time. Fewer rows than neighbours + 2 (or inputs
// whose sizes disagree) finish at once with the start unchanged.
class Refinement {
public:
    Refinement(std::vector<float> rows /* n × dim, moved in */, int dim, std::vector<float> start /* n × 2 */,
               std::uint64_t seed, int neighbours = 15);
    // The searches read the buffers this owns: not copyable (moving keeps the buffers).
    Refinement(const Refinement&) = delete;
    Refinement& operator=(const Refinement&) = delete;
    Refinement(Refinement&&) = default;
    Refinement& operator=(Refinement&&) = default;

    void step();
    bool done() const { return stage_ == Stage::Done; }
    // 0..1 over the whole run (neighbours, then layout), by planned work; never goes back.
    double progress() const;
    // "finding neighbours", "laying out", then "done".
    const char* stage() const;
    // n × 2, the current layout: the start until the layout begins, valid after every step.
    std::span<const float> positions() const { return positions_; }

private:
    enum class Stage { Reducing, Projecting, Searching, LayingOut, Done };

    std::uint64_t project_rows(std::uint64_t work);
    void begin_layout();
    void show_layout();
    void finish_stage(Stage next);

    std::size_t n_ = 0;
    int dim_ = 0;
    int k_ = 0;
    std::uint64_t search_seed_ = 0;
    std::uint64_t layout_seed_ = 0;
    Stage stage_ = Stage::Done;

    std::vector<float> rows_;     // released once reduced
    std::vector<float> reduced_;  // n × 32, when the rows have more dims
    std::optional<PcaFit> fit_;
    std::size_t projected_ = 0;   // rows reduced so far
    std::optional<NeighbourSearch> search_;
    std::optional<LayoutSgd> layout_;
    int epochs_ = 0;

    std::vector<float> start_;
    std::vector<float> positions_;
    // The start's bounding box (centre and half sizes) and the scale into the layout's frame.
    double centre_x_ = 0, centre_y_ = 0, half_x_ = 0, half_y_ = 0, to_frame_ = 1;

    // Progress: the work planned for each stage, and the work done in the stages finished and this one.
    std::uint64_t planned_[4] = {};
    std::uint64_t done_before_ = 0;  // planned work of the stages finished
    std::uint64_t done_here_ = 0;    // work done in the current stage
};

}  // namespace tb::map
