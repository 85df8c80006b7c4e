#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tb::plot {

struct Tick {
    double value = 0;
    std::string label;  // empty: an unlabelled minor gridline
    bool major = true;  // drawn as a stronger gridline
};

// The smallest step of the 1-2-5 sequence (…, 0.5, 1, 2, 5, 10, …) with at most `max_ticks` (>= 2)
// multiples in [lo, hi]. With max_ticks = 10 that leaves 4 to 10 ticks: the next smaller step, at most
// 2.5 times smaller, had more than 10. 0 when [lo, hi] is empty or not finite.
double nice_step(double lo, double hi, int max_ticks);

// Labelled ticks at the multiples of nice_step() in [lo, hi], ascending. A zero-width range gets one.
std::vector<Tick> linear_ticks(double lo, double hi, int max_ticks);

// Ticks for a log axis over [lo, hi] (0 < lo < hi), ascending, at most `max_labels` labelled:
// - a small range gets labels at 1, 2 and 5 × 10^k (majors at the decades) and gridlines at the rest;
// - a wider one labels the decades (every one, or every n-th when there are too many), with gridlines
//   at 2…9 × 10^k while there are few enough decades for them to read;
// - a range inside a decade holding too few 1-2-5 values falls back to linear_ticks().
std::vector<Tick> log_ticks(double lo, double hi, int max_labels);

// Ticks for an axis `length` pixels long whose labels do not overlap: the most (at most 10) for which
// every two neighbouring labels are `gap` pixels apart. `label_extent` is a label's size along the axis
// in pixels (its width on a horizontal axis, its height on a vertical one). If even two labels collide,
// labels are dropped from the crowded ones onward, never overlapped.
std::vector<Tick> axis_ticks(double lo, double hi, bool log, double length,
                             const std::function<double(std::string_view)>& label_extent, double gap);

}  // namespace tb::plot
