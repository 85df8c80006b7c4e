#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace tb::plot {

// Which row comes first in the pixels handed over: glReadPixels() returns the bottom row first.
enum class RowOrder { top_down, bottom_up };

// An 8-bit RGBA PNG of `width` × `height` pixels (4 bytes each, rows packed). The image data is stored
// uncompressed (deflate "stored" blocks inside a zlib stream): a plot exported now and then does not
// need a compressor in the binary, and any PNG reader takes it. Empty when the size is zero or too big
// for a PNG, or when `rgba` holds fewer than width × height × 4 bytes.
std::vector<std::uint8_t> encode_png(std::span<const std::uint8_t> rgba, std::uint32_t width,
                                     std::uint32_t height, RowOrder order = RowOrder::top_down);

// CRC-32 as PNG and zlib use it (ISO 3309); pass a previous result to continue over more bytes.
std::uint32_t crc32(std::span<const std::uint8_t> bytes, std::uint32_t previous = 0);

// Adler-32 as zlib uses it; pass a previous result (start: 1) to continue over more bytes.
std::uint32_t adler32(std::span<const std::uint8_t> bytes, std::uint32_t previous = 1);

}  // namespace tb::plot
