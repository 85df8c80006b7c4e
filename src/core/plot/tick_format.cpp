#include "core/plot/tick_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace tb::plot {

namespace {

std::string printf_double(const char* format, int precision, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, precision, value);
    return buffer;
}

const char* suffix_for(int power) {
    switch (power) {
        case 3: return "k";
        case 6: return "M";
        case 9: return "G";
        default: return "";
    }
}

int exponent_of(double value) { return static_cast<int>(std::floor(std::log10(std::abs(value)))); }

}  // namespace

NumberStyle number_style(double max_abs, int step_exponent) {
    NumberStyle style;
    style.step_exponent = step_exponent;
    if (!std::isfinite(max_abs)) return style;
    if (max_abs >= 1e13 || step_exponent < -4) {
        style.scientific = true;
        style.decimals = max_abs > 0 ? std::clamp(exponent_of(max_abs) - step_exponent, 0, 6) : 0;
        return style;
    }
    // "k" from 10 000 (1000 reads fine as it is), "M" and "G" from 1 and 1000 million.
    struct Suffix {
        int power;
        double from;
    };
    for (const Suffix suffix : {Suffix{9, 1e9}, Suffix{6, 1e6}, Suffix{3, 1e4}}) {
        if (max_abs >= suffix.from && step_exponent >= suffix.power - 2) {
            style.suffix_power = suffix.power;
            break;
        }
    }
    style.decimals = std::max(0, style.suffix_power - step_exponent);
    return style;
}

std::string format_tick(double value, const NumberStyle& style) {
    if (!std::isfinite(value)) return format_value(value);
    // Within rounding of zero is zero, and +0 so that it prints without a sign.
    if (std::abs(value) < 0.5 * std::pow(10.0, style.step_exponent)) value = 0;
    // "0" rather than "0e0" or "0k"; plain axes keep their decimals ("0.0" beside "0.5").
    if (value == 0 && (style.scientific || style.suffix_power > 0)) return "0";
    if (style.scientific) {
        int exponent = exponent_of(value);
        double mantissa = value / std::pow(10.0, exponent);
        // Rounding can carry the mantissa to 10 (9.99 → "10.0"): renormalise.
        if (std::abs(std::strtod(printf_double("%.*f", style.decimals, mantissa).c_str(), nullptr)) >= 10) {
            ++exponent;
            mantissa /= 10;
        }
        return printf_double("%.*f", style.decimals, mantissa) + "e" + std::to_string(exponent);
    }
    return printf_double("%.*f", style.decimals, value / std::pow(10.0, style.suffix_power)) +
           suffix_for(style.suffix_power);
}

std::string format_value(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    if (value == 0) return "0";  // not "-0"
    if (value == std::floor(value) && std::abs(value) < 1e15) return printf_double("%.*f", 0, value);
    return printf_double("%.*g", 6, value);
}

}  // namespace tb::plot
