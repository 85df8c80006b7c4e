#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "core/plot/png.h"

using namespace tb::plot;

namespace {

using Bytes = std::vector<std::uint8_t>;

std::uint32_t be32(const Bytes& b, std::size_t at) {
    return std::uint32_t{b[at]} << 24 | std::uint32_t{b[at + 1]} << 16 | std::uint32_t{b[at + 2]} << 8 | b[at + 3];
}

struct Chunk {
    std::string type;
    Bytes data;
};

// Walks the chunks, checking each CRC; fails the test on a malformed file.
std::vector<Chunk> read_chunks(const Bytes& png) {
    const Bytes signature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    REQUIRE(png.size() >= 8);
    REQUIRE(Bytes(png.begin(), png.begin() + 8) == signature);
    std::vector<Chunk> chunks;
    std::size_t at = 8;
    while (at < png.size()) {
        REQUIRE(at + 12 <= png.size());
        const std::uint32_t length = be32(png, at);
        REQUIRE(at + 12 + length <= png.size());
        Chunk chunk;
        chunk.type.assign(png.begin() + at + 4, png.begin() + at + 8);
        chunk.data.assign(png.begin() + at + 8, png.begin() + at + 8 + length);
        const std::span<const std::uint8_t> covered(png.data() + at + 4, length + 4);
        CHECK(be32(png, at + 8 + length) == crc32(covered));
        chunks.push_back(chunk);
        at += 12 + length;
    }
    return chunks;
}

// Undoes the zlib stream of stored blocks; fails the test on anything else.
Bytes inflate_stored(const Bytes& zlib) {
    REQUIRE(zlib.size() >= 6);
    CHECK((zlib[0] * 256 + zlib[1]) % 31 == 0);
    CHECK((zlib[0] & 0x0F) == 8);  // deflate
    Bytes out;
    std::size_t at = 2;
    for (bool final_block = false; !final_block;) {
        REQUIRE(at + 5 <= zlib.size());
        final_block = zlib[at] & 1;
        CHECK(((zlib[at] >> 1) & 3) == 0);  // stored
        const std::uint16_t len = static_cast<std::uint16_t>(zlib[at + 1] | zlib[at + 2] << 8);
        const std::uint16_t nlen = static_cast<std::uint16_t>(zlib[at + 3] | zlib[at + 4] << 8);
        CHECK(static_cast<std::uint16_t>(~len) == nlen);
        REQUIRE(at + 5 + len <= zlib.size());
        out.insert(out.end(), zlib.begin() + at + 5, zlib.begin() + at + 5 + len);
        at += 5 + len;
    }
    REQUIRE(at + 4 == zlib.size());
    CHECK(be32(zlib, at) == adler32(out));
    return out;
}

Bytes gradient(std::uint32_t w, std::uint32_t h) {
    Bytes rgba;
    for (std::uint32_t y = 0; y < h; ++y) {
        for (std::uint32_t x = 0; x < w; ++x) {
            rgba.insert(rgba.end(), {std::uint8_t(x), std::uint8_t(y), std::uint8_t(x ^ y), 255});
        }
    }
    return rgba;
}

}  // namespace

TEST_CASE("plot png: checksums match the published check values") {
    const std::string text = "123456789";
    const std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
    CHECK(crc32(bytes) == 0xCBF43926u);
    CHECK(adler32(bytes) == 0x091E01DEu);
    // Continuing over a split gives the same result.
    CHECK(crc32(bytes.subspan(4), crc32(bytes.first(4))) == 0xCBF43926u);
    CHECK(adler32(bytes.subspan(4), adler32(bytes.first(4))) == 0x091E01DEu);
    CHECK(crc32({}) == 0);
    CHECK(adler32({}) == 1);
}

TEST_CASE("plot png: header, image data and end chunk decode back to the pixels") {
    const std::uint32_t w = 300, h = 120;  // 144 KB of rows: several stored blocks
    const Bytes rgba = gradient(w, h);
    const Bytes png = encode_png(rgba, w, h);
    const std::vector<Chunk> chunks = read_chunks(png);
    REQUIRE(chunks.size() == 3);
    CHECK(chunks[0].type == "IHDR");
    CHECK(chunks[1].type == "IDAT");
    CHECK(chunks[2].type == "IEND");
    CHECK(chunks[2].data.empty());
    const Bytes& header = chunks[0].data;
    REQUIRE(header.size() == 13);
    CHECK(be32(header, 0) == w);
    CHECK(be32(header, 4) == h);
    CHECK(header[8] == 8);
    CHECK(header[9] == 6);
    CHECK(header[10] == 0);
    CHECK(header[11] == 0);
    CHECK(header[12] == 0);
    const Bytes raw = inflate_stored(chunks[1].data);
    REQUIRE(raw.size() == (std::size_t{w} * 4 + 1) * h);
    for (std::uint32_t y = 0; y < h; ++y) {
        const std::size_t row = y * (std::size_t{w} * 4 + 1);
        CHECK(raw[row] == 0);  // filter: none
        CHECK(Bytes(raw.begin() + row + 1, raw.begin() + row + 1 + w * 4) ==
              Bytes(rgba.begin() + y * w * 4, rgba.begin() + (y + 1) * w * 4));
    }
}

TEST_CASE("plot png: bottom-up pixels (as glReadPixels gives them) are flipped") {
    const std::uint32_t w = 2, h = 3;
    const Bytes rgba = gradient(w, h);
    const Bytes raw = inflate_stored(read_chunks(encode_png(rgba, w, h, RowOrder::bottom_up))[1].data);
    // The first row written is the last one given.
    CHECK(Bytes(raw.begin() + 1, raw.begin() + 1 + w * 4) == Bytes(rgba.end() - w * 4, rgba.end()));
}

TEST_CASE("plot png: a single pixel encodes, and bad sizes give nothing") {
    const Bytes one = {10, 20, 30, 40};
    const Bytes raw = inflate_stored(read_chunks(encode_png(one, 1, 1))[1].data);
    CHECK(raw == Bytes{0, 10, 20, 30, 40});
    CHECK(encode_png(one, 0, 1).empty());
    CHECK(encode_png(one, 1, 0).empty());
    CHECK(encode_png(one, 2, 1).empty());  // too few bytes
}
