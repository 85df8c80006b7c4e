#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/map/pca.h"

namespace tb::map {

class PcaFit;
class Refinement;

// The map's layout of n vectors, as a step machine the page drives in frame slices: a PCA projection
// first (shown at once), then, up to kMaxRefinedRows rows, the neighbour-preserving refinement
// (refinement.h) that starts from it. Past that many rows the PCA layout is the map.
class LayoutRun {
public:
    LayoutRun(std::vector<float> vectors, int dim, std::uint64_t seed);
    ~LayoutRun();
    LayoutRun(const LayoutRun&) = delete;
    LayoutRun& operator=(const LayoutRun&) = delete;

    void step();  // a bounded slice of work (a few milliseconds at most)
    bool done() const;
    double progress() const;  // 0..1 over the whole run
    std::string_view stage() const;
    bool refines() const { return refines_; }
    std::size_t size() const { return rows_; }

    // n × 2: the PCA layout once projected (empty before), then the refinement's as it goes.
    std::span<const float> positions() const;
    // Counts the changes of positions(), so the page uploads them only when they moved.
    std::uint64_t version() const { return version_; }

private:
    std::vector<float> vectors_;
    int dim_;
    std::uint64_t seed_;
    std::size_t rows_;
    bool refines_;
    Projection projection_;
    std::vector<float> pca_;        // n × 2
    std::size_t projected_ = 0;     // rows projected so far
    std::unique_ptr<PcaFit> fit_;  // while fitting, in slices
    bool fitted_ = false;
    std::unique_ptr<Refinement> refinement_;
    std::uint64_t version_ = 0;
};

}  // namespace tb::map
