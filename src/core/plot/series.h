#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace tb::plot {

// One sample: x is the step (or any increasing position), y the value measured there.
struct Point {
    double x = 0;
    double y = 0;
};

// A line on the plot. Every algorithm here (decimation, nearest point, the visible window) relies on
// `points` being sorted by x, so points go in through add_point() or are sorted once by sort_points().
struct Series {
    std::string run;   // which fine-tune (or model) produced it; one shade per run
    std::string name;  // what it measures ("Train loss"); one colour per name, the same in every run
    std::vector<Point> points;
};

// Appends keeping the order: O(1) for the usual in-order arrival of metrics, a binary-search insert
// for a late one. A point with a non-finite x has no place on the axis and is dropped; a non-finite y
// is kept (it is a gap, and the CSV export should still show it).
void add_point(Series& series, Point point);

// Sorts by x once, stably (equal steps keep their arrival order), dropping non-finite x.
void sort_points(Series& series);

bool is_sorted_by_x(std::span<const Point> points);

// The first point with x >= `x` (points.size() if none); O(log n).
std::size_t first_at_or_after(std::span<const Point> points, double x);

}  // namespace tb::plot
