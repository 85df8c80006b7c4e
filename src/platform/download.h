#pragma once

#include <string>

namespace tb::platform {

// Offers `content` to the person as a file download named `file_name`.
void download(const std::string& file_name, const std::string& mime_type, const std::string& content);

}  // namespace tb::platform
