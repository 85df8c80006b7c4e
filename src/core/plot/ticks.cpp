#include "core/plot/ticks.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/plot/mapping.h"
#include "core/plot/tick_format.h"

namespace tb::plot {

namespace {

// Slack for floating-point division when deciding whether a multiple lies inside the range.
constexpr double kSlack = 1e-9;

// m·10^e computed so that e < 0 divides by an exact power of ten: 3·10^-1 is 0.3, not 0.30000000000000004.
double scaled(double m, int e) { return e >= 0 ? m * std::pow(10.0, e) : m / std::pow(10.0, -e); }

struct Step {
    double mantissa = 1;  // 1, 2 or 5
    int exponent = 0;
    double value() const { return scaled(mantissa, exponent); }
    void next() {
        if (mantissa == 1) mantissa = 2;
        else if (mantissa == 2) mantissa = 5;
        else mantissa = 1, ++exponent;
    }
};

double first_multiple(double lo, double step) { return std::ceil(lo / step - kSlack); }
double last_multiple(double hi, double step) { return std::floor(hi / step + kSlack); }

bool valid_range(double lo, double hi) { return std::isfinite(hi - lo) && hi > lo; }

Step find_step(double lo, double hi, int max_ticks) {
    // Start ten times below the average gap, where there are surely too many ticks, and climb.
    Step step;
    step.exponent = static_cast<int>(std::floor(std::log10((hi - lo) / max_ticks))) - 1;
    for (;;) {
        const double s = step.value();
        if (last_multiple(hi, s) - first_multiple(lo, s) + 1 <= max_ticks) return step;
        step.next();
    }
}

int exponent_of(double value) { return static_cast<int>(std::floor(std::log10(std::abs(value)))); }

}  // namespace

double nice_step(double lo, double hi, int max_ticks) {
    if (!valid_range(lo, hi)) return 0;
    return find_step(lo, hi, std::max(max_ticks, 2)).value();
}

std::vector<Tick> linear_ticks(double lo, double hi, int max_ticks) {
    std::vector<Tick> ticks;
    if (std::isfinite(lo) && lo == hi) {
        // One value: label it with a few significant digits.
        const int exponent = lo == 0 ? 0 : exponent_of(lo) - 3;
        ticks.push_back({lo, format_tick(lo, number_style(std::abs(lo), exponent)), true});
        return ticks;
    }
    if (!valid_range(lo, hi)) return ticks;
    const Step step = find_step(lo, hi, std::max(max_ticks, 2));
    const double s = step.value();
    const NumberStyle style = number_style(std::max(std::abs(lo), std::abs(hi)), step.exponent);
    const double k_first = first_multiple(lo, s);
    // Counted with an int: past 2^53, ++k on a double would stand still.
    const int count = static_cast<int>(last_multiple(hi, s) - k_first) + 1;
    for (int i = 0; i < count; ++i) {
        // k·m·10^e, with the power of ten applied last for the same exactness as scaled().
        const double value = scaled((k_first + i) * step.mantissa, step.exponent);
        ticks.push_back({value, format_tick(value, style), true});
    }
    return ticks;
}

std::vector<Tick> log_ticks(double lo, double hi, int max_labels) {
    if (!valid_range(lo, hi) || !(lo > 0)) return linear_ticks(lo, hi, max_labels);
    max_labels = std::max(max_labels, 2);
    // One decade spare at each end in case log10 rounds across an integer; inside() filters.
    const int d0 = exponent_of(lo) - 1;
    const int d1 = exponent_of(hi) + 1;
    const auto inside = [&](double v) { return v >= lo * (1 - kSlack) && v <= hi * (1 + kSlack); };

    int labelled_125 = 0;
    int decades = 0;
    for (int d = d0; d <= d1; ++d) {
        for (double m : {1.0, 2.0, 5.0}) labelled_125 += inside(scaled(m, d)) ? 1 : 0;
        decades += inside(scaled(1, d)) ? 1 : 0;
    }

    std::vector<Tick> ticks;
    // Labels use each tick's own exponent, so 0.05 and 20 sit on one axis without trailing zeros.
    // Scientific notation is all or nothing per axis; thousands go by each value ("2000", "10k").
    const bool scientific = number_style(hi, d0 + 1).scientific;
    const auto label = [&](double m, int d) {
        const double v = scaled(m, d);
        NumberStyle style = number_style(v, d);
        if (scientific) style = NumberStyle{d, 0, true, 0};
        return format_tick(v, style);
    };
    if (labelled_125 >= 3 && labelled_125 <= max_labels) {
        for (int d = d0; d <= d1; ++d) {
            for (int m = 1; m <= 9; ++m) {
                const double v = scaled(m, d);
                if (!inside(v)) continue;
                const bool labelled = m == 1 || m == 2 || m == 5;
                ticks.push_back({v, labelled ? label(m, d) : std::string(), m == 1});
            }
        }
        return ticks;
    }
    if (decades >= 2) {
        int every = 1;
        while ((decades + every - 1) / every > max_labels) ++every;
        // Gridlines between decades only while they stay a few pixels apart at any sensible size.
        const bool minors = every == 1 && d1 - d0 <= 8;
        for (int d = d0; d <= d1; ++d) {
            const double decade = scaled(1, d);
            if (inside(decade) && d % every == 0) ticks.push_back({decade, label(1, d), true});
            else if (inside(decade) && every > 1) ticks.push_back({decade, std::string(), false});
            if (!minors) continue;
            for (int m = 2; m <= 9; ++m) {
                if (inside(scaled(m, d))) ticks.push_back({scaled(m, d), std::string(), false});
            }
        }
        return ticks;
    }
    return linear_ticks(lo, hi, max_labels);
}

std::vector<Tick> axis_ticks(double lo, double hi, bool log, double length,
                             const std::function<double(std::string_view)>& label_extent, double gap) {
    const double a_lo = to_axis(lo, log);
    const double a_span = to_axis(hi, log) - a_lo;
    const auto position = [&](double v) { return a_span > 0 ? (to_axis(v, log) - a_lo) / a_span * length : 0.0; };
    // Whether each labelled tick is clear of the previous labelled one; with `drop`, labels that are
    // not are removed instead.
    const auto clear = [&](std::vector<Tick>& ticks, bool drop) {
        bool have_previous = false;
        double previous_position = 0, previous_half = 0;
        for (Tick& tick : ticks) {
            if (tick.label.empty()) continue;
            const double p = position(tick.value);
            const double half = label_extent(tick.label) / 2;
            if (have_previous && std::abs(p - previous_position) < previous_half + half + gap) {
                if (!drop) return false;
                tick.label.clear();
                continue;
            }
            have_previous = true;
            previous_position = p;
            previous_half = half;
        }
        return true;
    };
    std::vector<Tick> ticks;
    for (int max_ticks = 10; max_ticks >= 2; --max_ticks) {
        ticks = log ? log_ticks(lo, hi, max_ticks) : linear_ticks(lo, hi, max_ticks);
        if (clear(ticks, false)) return ticks;
    }
    clear(ticks, true);
    return ticks;
}

}  // namespace tb::plot
