#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "platform/file_source.h"

namespace tb::platform {

// A file read one chunk (up to 1 MB) at a time, each only when asked for: work that takes longer than
// the reading (labelling every row) asks for the next once it has used the last, so memory holds one
// chunk whatever the file's size. `on_chunk` runs for each (the view is valid only during the call),
// `on_end` once: Done after the last chunk, Failed, or Cancelled.
int open_paced_stream(int handle, std::function<void(std::string_view)> on_chunk,
                      std::function<void(StreamEnd, const std::string& error)> on_end);
// Asks for the next chunk (or the end); call again only after `on_chunk` has run.
void request_chunk(int stream);
void cancel_paced_stream(int stream);

}  // namespace tb::platform
