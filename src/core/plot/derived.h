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
// "Changes" is judged by a fingerprint: the number of points and 64 of them sampled evenly, the first
// and the last included. Not their address, so a caller may rebuild its series every frame from the
// metrics it keeps and still hit the cache. Appending, or a different series in this place, is seen;
// an edit of an unsampled point with the count and every sampled point unchanged is not (metrics only
// grow; call invalidate() after such an edit).
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
    std::size_t size_ = 0;
    std::uint64_t sample_hash_ = 0;
    double weight_ = 0;
    std::vector<Point> smoothed_;
    Extents extents_;
    std::size_t recomputations_ = 0;
};

}  // namespace tb::plot
