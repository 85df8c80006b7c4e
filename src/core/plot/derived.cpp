#include "core/plot/derived.h"

#include <cstring>

#include "core/plot/smoothing.h"

namespace tb::plot {

namespace {

std::uint64_t bits(double v) {
    std::uint64_t out = 0;
    std::memcpy(&out, &v, sizeof out);
    return out;
}

// FNV-1a over the bits of 64 evenly spaced points (all of them when there are fewer).
std::uint64_t sample_hash(std::span<const Point> points) {
    constexpr std::size_t kSamples = 64;
    std::uint64_t hash = 14695981039346656037ull;
    const auto mix = [&](std::uint64_t v) {
        hash ^= v;
        hash *= 1099511628211ull;
    };
    if (points.empty()) return hash;
    const std::size_t n = points.size();
    const std::size_t samples = n < kSamples ? n : kSamples;
    for (std::size_t k = 0; k < samples; ++k) {
        // k = samples - 1 lands on the last point.
        const std::size_t i = samples == 1 ? 0 : k * (n - 1) / (samples - 1);
        mix(bits(points[i].x));
        mix(bits(points[i].y));
    }
    return hash;
}

}  // namespace

void DerivedSeries::update(std::span<const Point> points, double weight) {
    const std::uint64_t hash = sample_hash(points);
    if (valid_ && size_ == points.size() && sample_hash_ == hash && weight_ == weight) return;
    valid_ = true;
    size_ = points.size();
    sample_hash_ = hash;
    weight_ = weight;
    extents_ = extents_of(points);
    if (weight > 0) {
        smooth_ema(points, weight, smoothed_);
    } else {
        smoothed_.clear();
    }
    ++recomputations_;
}

}  // namespace tb::plot
