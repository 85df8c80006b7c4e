#pragma once

#include <string>

namespace tb::platform {

// The page address's fragment ("#provider=…&base=…"), which a shared link may carry.
std::string location_fragment();

}  // namespace tb::platform
