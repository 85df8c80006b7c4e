#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/plot/series.h"

namespace tb::plot {

// Reduces a series sorted by x to what can be seen at `columns` pixel columns across [x_min, x_max], so
// drawing costs O(columns) whatever the number of points. Each column keeps its first and last point
// and the points with the smallest and largest y, in their original order (at most four), which keeps
// every spike and the way the line enters and leaves the column. The nearest point outside the window
// on each side is kept too, so the line runs to the edges instead of stopping at the last point inside.
// Points with a non-finite y are skipped (the line joins across them).
//
// Finding the window is a binary search; the pass over it touches each point once. Returns how many
// points that pass examined (for the O(n) test and the benchmark). `out` is replaced, capacity reused.
std::size_t decimate(std::span<const Point> points, double x_min, double x_max, int columns,
                     std::vector<Point>& out);

}  // namespace tb::plot
