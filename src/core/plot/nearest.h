#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include "core/plot/series.h"

namespace tb::plot {

// The index of the point whose x is closest to `x` among points with a finite y (the earlier one on a
// tie), or nullopt when there is none. Points must be sorted by x; O(log n) unless it has to step over
// a run of non-finite values.
std::optional<std::size_t> nearest_index(std::span<const Point> points, double x);

}  // namespace tb::plot
