#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/plot/colour.h"

namespace tb::map {

// Which part of the split a point's row is in. The shaders draw each with its own shape (training: disc,
// validation: ring, test: square, the rest: a small faded disc), so they stay apart whatever the colour.
enum class Role : std::uint8_t { other = 0, training = 1, validation = 2, test = 3 };

// What a point's colour says: its row's true label, a candidate's answer, or whether that answer is right.
enum class ColourBy { label, answer, right_wrong };

// Colour indices: classes take 0..kClassColours-1 in the split's order; right and wrong take the first
// two; kNoColour is for "no answer", "invalid" and classes past the palette.
inline constexpr std::size_t kClassColours = 12;
inline constexpr std::uint8_t kNoColour = 31;
inline constexpr std::uint8_t kRightColour = 0, kWrongColour = 1;

// A point's style as the map's shaders read it (one byte an instance): colour | role << 5 | selected << 7.
constexpr std::uint8_t point_style(std::uint8_t colour, Role role, bool selected) {
    return static_cast<std::uint8_t>((colour & 31u) | (static_cast<unsigned>(role) << 5) | (selected ? 128u : 0u));
}
constexpr std::uint8_t style_colour(std::uint8_t style) { return style & 31u; }
constexpr Role style_role(std::uint8_t style) { return static_cast<Role>((style >> 5) & 3u); }
constexpr bool style_selected(std::uint8_t style) { return (style & 128u) != 0; }

// The colour index of class `index` of the split (-1: none).
std::uint8_t class_colour(int index);

// The colour of index `colour` under `by`: Okabe and Ito's eight colours (told apart with the commonest
// colour blindness) then four more for classes; green and red for right and wrong; grey for none.
plot::Rgb colour_of(ColourBy by, std::uint8_t colour);
// All 32, as the shaders take them: r, g, b, a.
std::array<float, 128> palette(ColourBy by);

std::string_view role_name(Role role);  // "training", "validation", "test", "other"

}  // namespace tb::map
