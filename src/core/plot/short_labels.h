#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tb::plot {

// Labels for names that must fit a narrow space (a confusion map's columns), telling the names apart:
// a name that fits stays whole; else the most leading words that fit, ending in "…", taking at least
// as many words as set it apart from the others ("Credit card…", "Credit reporting…"); else those
// words cut to fit ("Credit rep…"). If two labels still came out the same, every name gets its number
// ("1", "2", …) instead, as a wrong reading is worse than a plain one. `fits` measures a label.
std::vector<std::string> short_labels(const std::vector<std::string>& names,
                                      const std::function<bool(std::string_view)>& fits);

}  // namespace tb::plot
