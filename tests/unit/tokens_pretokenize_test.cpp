#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "core/tokens/pretokenize.h"

using tb::tokens::Encoding;

namespace {

std::vector<std::string> pieces(Encoding encoding, std::string_view text) {
    std::vector<std::string> out;
    tb::tokens::for_each_piece(encoding, text, [&](std::string_view piece) { out.emplace_back(piece); });
    return out;
}

using Pieces = std::vector<std::string>;

}  // namespace

// Expected pieces are what js-tiktoken's own regular expressions give (matchAll with the "u" flag); the
// fixture tests in tokens_bpe_test.cpp compare whole token sequences on far more text.
TEST_CASE("cl100k_base pieces: contractions stand alone, letters take one leading char") {
    const auto cl100k = Encoding::Cl100kBase;
    CHECK(pieces(cl100k, "Hello world") == Pieces{"Hello", " world"});
    CHECK(pieces(cl100k, "I'm HERE'S") == Pieces{"I", "'m", " HERE", "'S"});
    CHECK(pieces(cl100k, "don't 'LL 'll's") == Pieces{"don", "'t", " '", "LL", " '", "ll", "'s"});
    CHECK(pieces(cl100k, "HelloWorld iPhone's") == Pieces{"HelloWorld", " iPhone", "'s"});
    const std::string nbsp = "\xC2\xA0";
    CHECK(pieces(cl100k, "\tfoo bar" + nbsp + "baz") == Pieces{"\tfoo", " bar", nbsp + "baz"});
    CHECK(pieces(cl100k, "e\xCC\x81""cole \xCC\x81""A") == Pieces{"e", "\xCC\x81""cole", " \xCC\x81", "A"});
    CHECK(pieces(cl100k, "a/b\n/c !?/\n") == Pieces{"a", "/b", "\n", "/c", " !?/\n"});
}

TEST_CASE("o200k_base pieces: case runs split words and contractions stay attached") {
    const auto o200k = Encoding::O200kBase;
    CHECK(pieces(o200k, "I'm HERE'S") == Pieces{"I'm", " HERE'S"});
    CHECK(pieces(o200k, "don't 'LL 'll's") == Pieces{"don't", " '", "LL", " '", "ll's"});
    CHECK(pieces(o200k, "HelloWorld HTTPServer helloWORLD iPhone's") ==
          Pieces{"Hello", "World", " HTTPServer", " hello", "WORLD", " i", "Phone's"});
    // A combining mark joins the letters before it, or starts a piece as their optional first char.
    CHECK(pieces(o200k, "e\xCC\x81""cole \xCC\x81""A") == Pieces{"e\xCC\x81""cole", " \xCC\x81", "A"});
    CHECK(pieces(o200k, "a/b\n/c !?/\n") == Pieces{"a", "/b", "\n", "/c", " !?/\n"});
}

TEST_CASE("numbers go three digits at a time and white space keeps its last char for the next word") {
    for (const auto encoding : {Encoding::O200kBase, Encoding::Cl100kBase}) {
        CHECK(pieces(encoding, "1234567") == Pieces{"123", "456", "7"});
        CHECK(pieces(encoding, "  x") == Pieces{" ", " x"});
        CHECK(pieces(encoding, "a\r\n\r\nb") == Pieces{"a", "\r\n\r\n", "b"});
        CHECK(pieces(encoding, "?!\n\nx") == Pieces{"?!\n\n", "x"});
        CHECK(pieces(encoding, "x  \n  y  ") == Pieces{"x", "  \n", " ", " y", "  "});
        CHECK(pieces(encoding, "").empty());
    }
}

TEST_CASE("any bytes at all, ill-formed UTF-8 included, split into non-empty pieces that tile the input") {
    std::mt19937 random(7);
    // Bytes weighted toward the interesting ones: lead and trail bytes, white space, the apostrophe.
    const std::string alphabet =
        std::string("a A1 '\r\n\t/!sSlL") + "\x80\xBF\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\xFF\xED\xA0\xC0";
    for (int round = 0; round < 2000; ++round) {
        std::string text(random() % 64, '\0');
        for (char& c : text) c = alphabet[random() % alphabet.size()];
        for (const auto encoding : {Encoding::O200kBase, Encoding::Cl100kBase}) {
            std::string joined;
            for (const auto& piece : pieces(encoding, text)) {
                CHECK_FALSE(piece.empty());
                joined += piece;
            }
            CHECK(joined == text);
        }
    }
}
