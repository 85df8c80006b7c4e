#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/plot/extents.h"
#include "core/plot/series.h"

namespace tb::plot {

// What a plot derives from one series in O(n) — its smoothed points and its extents — kept from frame
// to frame and recomputed only when the series changes, so an unchanged 100,000-point series costs
// O(1) per frame here (decimation, O(points in view), remains).
//
// "Changes" is judged by a fingerprint: the points' address and count, and 64 points sampled evenly
// across them including the first and the last. Appending, replacing the vector, or editing any
// sampled point is seen; an edit in place of an unsampled point, with nothing else changing, is not
// (metrics only ever grow or get replaced, so the trade is worth it; call invalidate() to force).
class DerivedSeries {
public:
    // Brings the smoothed points and extents up to date for `points` smoothed with `weight`.
    void update(std::span<const Point> points, double weight);
    void invalidate() { valid_ = false; }

    const std::vector<Point>& smoothed() const { return smoothed_; }  // empty when weight is 0
    const Extents& extents() const { return extents_; }
    std::size_t recomputations() const { return recomputations_; }  // for tests and benchmarks

private:
    bool valid_ = false;
    const Point* data_ = nullptr;
    std::size_t size_ = 0;
    std::uint64_t sample_hash_ = 0;
    double weight_ = 0;
    std::vector<Point> smoothed_;
    Extents extents_;
    std::size_t recomputations_ = 0;
};

}  // namespace tb::plot
