#include "core/plot/colour.h"

#include <algorithm>
#include <cmath>

namespace tb::plot {

namespace {

struct Lab {
    float l, a, b;
};
float to_linear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }
float to_srgb(float c) {
    c = std::clamp(c, 0.0f, 1.0f);
    return c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1 / 2.4f) - 0.055f;
}
Lab to_lab(Rgb c) {
    const float r = to_linear(c.r), g = to_linear(c.g), b = to_linear(c.b);
    const float l = std::cbrt(0.4122214708f * r + 0.5363325363f * g + 0.0514459929f * b);
    const float m = std::cbrt(0.2119034982f * r + 0.6806995451f * g + 0.1073969566f * b);
    const float s = std::cbrt(0.0883024619f * r + 0.2817188376f * g + 0.6299787005f * b);
    return {0.2104542553f * l + 0.7936177850f * m - 0.0040720468f * s,
            1.9779984951f * l - 2.4285922050f * m + 0.4505937099f * s,
            0.0259040371f * l + 0.7827717662f * m - 0.8086757660f * s};
}
Rgb from_lab(Lab c) {
    const float l = std::pow(c.l + 0.3963377774f * c.a + 0.2158037573f * c.b, 3.0f);
    const float m = std::pow(c.l - 0.1055613458f * c.a - 0.0638541728f * c.b, 3.0f);
    const float s = std::pow(c.l - 0.0894841775f * c.a - 1.2914855480f * c.b, 3.0f);
    return {to_srgb(4.0767416621f * l - 3.3077115913f * m + 0.2309699292f * s),
            to_srgb(-1.2684380046f * l + 2.6097574011f * m - 0.3413193965f * s),
            to_srgb(-0.0041960863f * l - 0.7034186147f * m + 1.7076147010f * s)};
}

}  // namespace

Rgb mix_oklab(Rgb from, Rgb to, float t) {
    const Lab a = to_lab(from), b = to_lab(to);
    return from_lab({a.l + (b.l - a.l) * t, a.a + (b.a - a.a) * t, a.b + (b.b - a.b) * t});
}

double relative_luminance(Rgb c) {
    return 0.2126 * to_linear(c.r) + 0.7152 * to_linear(c.g) + 0.0722 * to_linear(c.b);
}

double contrast_ratio(Rgb a, Rgb b) {
    const double x = relative_luminance(a), y = relative_luminance(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

Rgb legible_ink(Rgb background, Rgb light, Rgb dark) {
    return contrast_ratio(background, light) >= contrast_ratio(background, dark) ? light : dark;
}

}  // namespace tb::plot
