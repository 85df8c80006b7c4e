#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>

namespace tb::platform {

// Embedding vectors kept in the browser's IndexedDB (database "tuneboard-vectors"), one record per vector
// under (space, text key): what was paid for survives reloads and closed tabs, and is read back
// instead of asked again. Every call is asynchronous; failures (private mode, a full disk) are reported
// with the browser's reason.

// Keeps `keys.size()` vectors of `dims` floats each (`values`, one after the other) under `space`.
// `on_done(error)`: empty once the browser has written them all.
void store_vectors(const std::string& space, std::span<const std::uint64_t> keys, std::span<const float> values,
                   int dims, std::function<void(const std::string& error)> on_done);

// Reads every vector kept under `space`, a page at a time: `on_page(keys, values, dims)` for each page
// (records of another length than the first are skipped), then `on_end(error)`, empty when all was read.
using VectorPage = std::function<void(std::span<const std::uint64_t>, std::span<const float>, int)>;
void load_vectors(const std::string& space, VectorPage on_page, std::function<void(const std::string& error)> on_end);

}  // namespace tb::platform
