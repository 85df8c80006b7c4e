#pragma once

namespace tb::plot {

// An sRGB colour, each channel in [0, 1].
struct Rgb {
    float r = 0, g = 0, b = 0;
};

// `from` moved `t` (0..1) of the way to `to` in Oklab, where equal steps look equal: a share of 0.5
// then looks half as strong as 1, which mixing sRGB values does not (it darkens and greys the middle).
Rgb mix_oklab(Rgb from, Rgb to, float t);

// WCAG 2's relative luminance and contrast ratio (1 to 21); text needs 4.5 : 1.
double relative_luminance(Rgb c);
double contrast_ratio(Rgb a, Rgb b);

// Of `light` and `dark`, the ink that stands out more on `background`.
Rgb legible_ink(Rgb background, Rgb light, Rgb dark);

}  // namespace tb::plot
