#include "core/map/point_styles.h"

namespace tb::map {

namespace {

constexpr plot::Rgb kClasses[kClassColours] = {
    {0.902f, 0.624f, 0.000f},  // orange
    {0.337f, 0.706f, 0.914f},  // sky blue
    {0.000f, 0.620f, 0.451f},  // bluish green
    {0.941f, 0.894f, 0.259f},  // yellow
    {0.000f, 0.447f, 0.698f},  // blue
    {0.835f, 0.369f, 0.000f},  // vermilion
    {0.800f, 0.475f, 0.655f},  // reddish purple
    {0.950f, 0.950f, 0.950f},  // white
    {0.600f, 0.400f, 0.200f},  // brown
    {0.550f, 0.850f, 0.350f},  // lime
    {0.600f, 0.550f, 0.950f},  // lavender
    {0.950f, 0.600f, 0.600f},  // pink
};
constexpr plot::Rgb kNone{0.45f, 0.47f, 0.52f};

}  // namespace

std::uint8_t class_colour(int index) {
    return index >= 0 && static_cast<std::size_t>(index) < kClassColours ? static_cast<std::uint8_t>(index) : kNoColour;
}

plot::Rgb colour_of(ColourBy by, std::uint8_t colour) {
    if (by == ColourBy::right_wrong) {
        // Blue and vermilion (Okabe and Ito), not the messages' green and red: told apart with any of the
        // common colour-vision deficiencies, where thousands of small points have no words beside them.
        if (colour == kRightColour) return kClasses[4];
        if (colour == kWrongColour) return kClasses[5];
        return kNone;
    }
    return colour < kClassColours ? kClasses[colour] : kNone;
}

std::array<float, 128> palette(ColourBy by) {
    std::array<float, 128> rgba{};
    for (std::uint8_t i = 0; i < 32; ++i) {
        const plot::Rgb c = colour_of(by, i);
        rgba[i * 4u] = c.r;
        rgba[i * 4u + 1] = c.g;
        rgba[i * 4u + 2] = c.b;
        rgba[i * 4u + 3] = 1.0f;
    }
    return rgba;
}

std::string_view role_name(Role role) {
    switch (role) {
    case Role::training: return "training";
    case Role::validation: return "validation";
    case Role::test: return "test";
    case Role::other: break;
    }
    return "other";
}

}  // namespace tb::map
