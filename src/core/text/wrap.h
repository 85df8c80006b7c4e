#pragma once

#include <functional>
#include <string_view>
#include <vector>

namespace tb::text {

// The lines of `text` no wider than `width` (as `measure` gives widths), broken only at spaces and at
// the text's own line breaks. Dear ImGui's wrapping also breaks after "." and ",", which cuts a number
// such as "(0.55)" in two; here a number, like any word, stays whole. A word wider than `width` gets a
// line of its own. The spaces at a break belong to no line.
std::vector<std::string_view> wrap_words(std::string_view text, float width,
                                         const std::function<float(std::string_view)>& measure);

}  // namespace tb::text
