#include <catch2/catch.hpp>

#include <random>
#include <vector>
#include <string>

#include "core/text/utf8.h"

using tb::text::append_utf8_replacing_invalid;
using tb::text::valid_utf8_prefix;

namespace {

const std::string kFffd = "\xEF\xBF\xBD";

std::string repaired(const std::string& text, std::size_t* count = nullptr) {
    std::string out;
    const std::size_t replaced = append_utf8_replacing_invalid(out, text);
    if (count != nullptr) *count = replaced;
    return out;
}

}  // namespace

TEST_CASE("valid UTF-8 passes whole, up to four-byte sequences") {
    const std::string samples[] = {"",
                                   "plain ASCII, long enough for the eight-byte path to matter",
                                   "caf\xC3\xA9",
                                   "em\xE2\x80\x94"
                                   "dash",
                                   "curly \xE2\x80\x99 quote",
                                   "nb\xC2\xA0sp",
                                   "\xF0\x9F\x98\x80 smile",
                                   "\xF4\x8F\xBF\xBF",
                                   "\xEF\xBF\xBD"};
    for (const std::string& text : samples) {
        CHECK(valid_utf8_prefix(text) == text.size());
        std::size_t count = 99;
        CHECK(repaired(text, &count) == text);
        CHECK(count == 0);
    }
}

TEST_CASE("the valid prefix stops at the first ill-formed byte") {
    CHECK(valid_utf8_prefix("abcdefghij\x80xyz") == 10);
    CHECK(valid_utf8_prefix("caf\xC3") == 3);             // cut inside a sequence
    CHECK(valid_utf8_prefix("\xC0\xAF") == 0);            // overlong slash
    CHECK(valid_utf8_prefix("a\xED\xA0\x80") == 1);       // a surrogate
    CHECK(valid_utf8_prefix("ab\xF4\x90\x80\x80") == 2);  // past U+10FFFF
    CHECK(valid_utf8_prefix("\xE0\x9F\xBF") == 0);        // overlong three-byte form
    CHECK(valid_utf8_prefix("\xF0\x8F\xBF\xBF") == 0);    // overlong four-byte form
    CHECK(valid_utf8_prefix("12345678\xF5") == 8);
}

TEST_CASE("each maximal ill-formed subpart becomes one U+FFFD, as in a browser's TextDecoder") {
    // The Unicode standard's own example (chapter 3, "U+FFFD substitution of maximal subparts").
    const std::string input = "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64";
    std::size_t count = 0;
    CHECK(repaired(input, &count) == "a" + kFffd + kFffd + kFffd + "b" + kFffd + "c" + kFffd + kFffd + "d");
    CHECK(count == 6);

    CHECK(repaired("\xC0\xAF", &count) == kFffd + kFffd);
    CHECK(count == 2);
    CHECK(repaired("\xED\xA0\x80", &count) == kFffd + kFffd + kFffd);
    CHECK(count == 3);
    CHECK(repaired("x\xE2\x82", &count) == "x" + kFffd);  // a truncated sequence counts once
    CHECK(count == 1);
    CHECK(repaired("Latin-1 caf\xE9 cr\xE8me", &count) == "Latin-1 caf" + kFffd + " cr" + kFffd + "me");
    CHECK(count == 2);
    CHECK(repaired("\xFF\xFE", &count) == kFffd + kFffd);
    CHECK(count == 2);
}

TEST_CASE("repaired random bytes are always valid UTF-8 and keep what was valid") {
    std::mt19937 rng(7);
    for (int round = 0; round < 2000; ++round) {
        std::string text(rng() % 40, '\0');
        for (char& c : text) c = static_cast<char>(rng() % 4 == 0 ? 'a' + rng() % 26 : 0x80 + rng() % 128);
        std::size_t count = 0;
        const std::string out = repaired(text, &count);
        REQUIRE(valid_utf8_prefix(out) == out.size());
        const std::size_t prefix = valid_utf8_prefix(text);
        REQUIRE(out.compare(0, prefix, text, 0, prefix) == 0);
        REQUIRE((count == 0) == (prefix == text.size()));
    }
}

TEST_CASE("text is cut only between characters, whatever the limit") {
    using tb::text::cut_utf8;
    // One character of each length: 1, 2, 3 and 4 bytes.
    const std::string text = "a\xC3\xA9\xE2\x80\x9C\xF0\x9F\x98\x80z";
    const std::vector<std::size_t> boundaries = {0, 1, 3, 6, 10, 11};
    for (std::size_t max = 0; max <= text.size() + 1; ++max) {
        const std::string_view cut = cut_utf8(text, max);
        INFO("max " << max);
        CHECK(valid_utf8_prefix(cut) == cut.size());
        // The longest boundary at or below the limit: nothing is lost that fits.
        std::size_t expected = 0;
        for (const std::size_t b : boundaries) {
            if (b <= max) expected = b;
        }
        CHECK(cut.size() == expected);
    }
    // Ill-formed text: a run of continuation bytes is no character, and is cut where asked.
    CHECK(cut_utf8("\x80\x80\x80\x80\x80\x80", 5).size() == 5);
}

TEST_CASE("text from outside becomes valid UTF-8, and a short excerpt of it says it was cut") {
    using tb::text::excerpt;
    using tb::text::valid_utf8;
    CHECK(valid_utf8("caf\xE9") == "caf\xEF\xBF\xBD");  // Latin-1 é
    CHECK(valid_utf8("caf\xC3\xA9") == "caf\xC3\xA9");
    CHECK(excerpt("short", 200) == "short");
    const std::string long_text = std::string(199, 'x') + "\xE2\x80\x9C" + "quoted";
    const std::string cut = excerpt(long_text, 200);
    CHECK(cut == std::string(197, 'x') + "\xE2\x80\xA6");  // room left for the ellipsis
    CHECK(cut.size() <= 200);
    // Every byte invalid: each becomes U+FFFD, three bytes, and the excerpt still keeps to its size.
    const std::string latin1(300, '\xE9');
    const std::string replaced = excerpt(latin1, 200);
    CHECK(replaced.size() <= 200);
    CHECK(valid_utf8_prefix(replaced) == replaced.size());
}
