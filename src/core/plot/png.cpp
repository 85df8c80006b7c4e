#include "core/plot/png.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace tb::plot {

namespace {

constexpr std::array<std::uint32_t, 256> make_crc_table() {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t n = 0; n < 256; ++n) {
        std::uint32_t c = n;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}
constexpr std::array<std::uint32_t, 256> kCrcTable = make_crc_table();

// A stored deflate block holds at most 65535 bytes (its length is a 16-bit field).
constexpr std::size_t kStoredBlockMax = 65535;

void put_u32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void put_chunk(std::vector<std::uint8_t>& out, std::string_view type, std::span<const std::uint8_t> data) {
    put_u32(out, static_cast<std::uint32_t>(data.size()));
    const std::size_t type_at = out.size();
    out.insert(out.end(), type.begin(), type.end());
    out.insert(out.end(), data.begin(), data.end());
    // The CRC covers the type and the data, not the length.
    put_u32(out, crc32(std::span<const std::uint8_t>(out).subspan(type_at)));
}

}  // namespace

std::uint32_t crc32(std::span<const std::uint8_t> bytes, std::uint32_t previous) {
    std::uint32_t c = ~previous;
    for (std::uint8_t b : bytes) c = kCrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
    return ~c;
}

std::uint32_t adler32(std::span<const std::uint8_t> bytes, std::uint32_t previous) {
    constexpr std::uint32_t kMod = 65521;
    std::uint32_t a = previous & 0xFFFF;
    std::uint32_t b = previous >> 16;
    // 5552 bytes is the most that can be summed before b could overflow 32 bits (zlib's NMAX).
    while (!bytes.empty()) {
        const std::size_t n = std::min<std::size_t>(bytes.size(), 5552);
        for (std::uint8_t v : bytes.first(n)) {
            a += v;
            b += a;
        }
        a %= kMod;
        b %= kMod;
        bytes = bytes.subspan(n);
    }
    return (b << 16) | a;
}

std::vector<std::uint8_t> encode_png(std::span<const std::uint8_t> rgba, std::uint32_t width,
                                     std::uint32_t height, RowOrder order) {
    constexpr std::uint32_t kPngMax = 0x7FFFFFFFu;  // PNG dimensions are 31-bit
    if (width == 0 || height == 0 || width > kPngMax || height > kPngMax) return {};
    const std::uint64_t row_bytes = std::uint64_t{width} * 4;
    if (rgba.size() / row_bytes < height) return {};
    // Each row is one filter-type byte (0: none) followed by the pixels.
    const std::uint64_t raw_size = (row_bytes + 1) * height;
    // An IDAT chunk's length is 31-bit too; one chunk keeps this simple and covers any plot.
    const std::uint64_t blocks = (raw_size + kStoredBlockMax - 1) / kStoredBlockMax;
    // zlib header, the blocks with their 5-byte headers, Adler-32.
    const std::uint64_t zlib_size = 2 + raw_size + blocks * 5 + 4;
    if (zlib_size > kPngMax) return {};

    std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    png.reserve(static_cast<std::size_t>(zlib_size) + 8 + 25 + 12 + 12);

    std::array<std::uint8_t, 13> header{};
    for (int i = 0; i < 4; ++i) {
        header[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(width >> (24 - 8 * i));
        header[static_cast<std::size_t>(4 + i)] = static_cast<std::uint8_t>(height >> (24 - 8 * i));
    }
    header[8] = 8;   // bits per channel
    header[9] = 6;   // colour type: RGBA
    header[10] = 0;  // compression: deflate
    header[11] = 0;  // filter method: adaptive (each row says its filter; all ours are "none")
    header[12] = 0;  // not interlaced
    put_chunk(png, "IHDR", header);

    // IDAT, written in place rather than assembled and copied: a large plot is tens of megabytes.
    put_u32(png, static_cast<std::uint32_t>(zlib_size));
    const std::size_t idat_type_at = png.size();
    png.insert(png.end(), {'I', 'D', 'A', 'T'});
    // CMF 0x78: deflate with a 32 KiB window; FLG 0x01 makes CMF·256 + FLG a multiple of 31 (no
    // dictionary, "fastest" level, which is what storing amounts to).
    png.push_back(0x78);
    png.push_back(0x01);
    std::uint64_t block_left = 0;     // bytes the current stored block still takes
    std::uint64_t raw_left = raw_size;
    std::uint32_t adler = 1;
    // Appends image bytes, opening a new stored block whenever the current one is full.
    const auto put_raw = [&](std::span<const std::uint8_t> bytes) {
        adler = adler32(bytes, adler);
        while (!bytes.empty()) {
            if (block_left == 0) {
                block_left = std::min<std::uint64_t>(raw_left, kStoredBlockMax);
                const bool final_block = block_left == raw_left;
                png.push_back(final_block ? 1 : 0);  // BFINAL, BTYPE 00 (stored); the rest of the byte pads
                const auto len = static_cast<std::uint16_t>(block_left);
                const auto nlen = static_cast<std::uint16_t>(~len);
                png.push_back(static_cast<std::uint8_t>(len & 0xFF));  // LEN and NLEN are little-endian
                png.push_back(static_cast<std::uint8_t>(len >> 8));
                png.push_back(static_cast<std::uint8_t>(nlen & 0xFF));
                png.push_back(static_cast<std::uint8_t>(nlen >> 8));
            }
            const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(bytes.size(), block_left));
            png.insert(png.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
            bytes = bytes.subspan(n);
            block_left -= n;
            raw_left -= n;
        }
    };
    const std::uint8_t no_filter = 0;
    for (std::uint32_t y = 0; y < height; ++y) {
        const std::uint64_t source_row = order == RowOrder::top_down ? y : height - 1 - y;
        put_raw(std::span<const std::uint8_t>(&no_filter, 1));
        put_raw(rgba.subspan(static_cast<std::size_t>(source_row * row_bytes), static_cast<std::size_t>(row_bytes)));
    }
    put_u32(png, adler);  // big-endian, unlike LEN
    put_u32(png, crc32(std::span<const std::uint8_t>(png).subspan(idat_type_at)));
    put_chunk(png, "IEND", {});
    return png;
}

}  // namespace tb::plot
