#pragma once

#include <string>

namespace tb::plot {

// How the labels of one axis are written, decided once per axis so they agree: all in thousands
// ("12.5k") or none, all scientific or none, all with the same number of decimals.
struct NumberStyle {
    int step_exponent = 0;    // e of the tick step m·10^e: anything under half of 10^e is written "0"
    int suffix_power = 0;     // 0, 3 (k), 6 (M) or 9 (G): labels show value / 10^suffix_power
    bool scientific = false;  // "2.5e-6", for values too small or too large to write out
    int decimals = 0;         // after the point (of the mantissa when scientific)
};

// The style for an axis whose largest magnitude is `max_abs` and whose step is m·10^step_exponent:
// just the decimals the step needs (steps of 0.25 → "0.25", "0.50"), thousands only when the step is
// coarse enough not to give "10.001k", scientific below 10^-4 steps or from 10^13.
NumberStyle number_style(double max_abs, int step_exponent);

// One label in that style. Never "-0".
std::string format_tick(double value, const NumberStyle& style);

// A value for a tooltip: integers in full, others with 6 significant digits; "NaN", "inf".
std::string format_value(double value);

}  // namespace tb::plot
