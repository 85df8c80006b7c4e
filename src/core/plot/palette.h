#pragma once

#include "core/plot/colour.h"

namespace tb::plot {

// The interface's colours, here rather than in the style so a unit test can hold every text colour to
// 4.5 : 1 against every background it is drawn on, and the frames' borders to 3 : 1 (WCAG's bar for the
// edges of controls: an unticked box must not vanish on a table's lighter rows).
namespace palette {
inline constexpr Rgb kWindowBg{0.106f, 0.114f, 0.137f};
inline constexpr Rgb kChildBg{0.133f, 0.141f, 0.169f};
inline constexpr Rgb kRowBgAlt{0.185f, 0.193f, 0.219f};  // a table's every other row
inline constexpr Rgb kFrameBg{0.180f, 0.192f, 0.227f};
inline constexpr Rgb kFrameBorder{0.45f, 0.48f, 0.55f};
// A progress bar's filled part, under its white label.
inline constexpr Rgb kProgressFill{0.16f, 0.34f, 0.64f};

inline constexpr Rgb kText{0.902f, 0.910f, 0.929f};
inline constexpr Rgb kTextDisabled{0.580f, 0.600f, 0.650f};
inline constexpr Rgb kError{1.0f, 0.45f, 0.40f};
inline constexpr Rgb kWarning{0.95f, 0.75f, 0.35f};
inline constexpr Rgb kOk{0.45f, 0.85f, 0.55f};
}  // namespace palette

}  // namespace tb::plot
