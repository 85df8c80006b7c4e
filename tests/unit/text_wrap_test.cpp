#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/text/wrap.h"

using tb::text::wrap_words;

namespace {
// One unit per byte: the tests count characters.
float chars(std::string_view s) { return static_cast<float>(s.size()); }

std::vector<std::string> lines_of(std::string_view text, float width) {
    std::vector<std::string> out;
    for (std::string_view line : wrap_words(text, width, chars)) out.emplace_back(line);
    return out;
}
}  // namespace

TEST_CASE("a number in brackets stays whole where a break after its point would fit") {
    // "B is right on 12 rows A gets wrong (0." is 38 characters: a break after the point would fit 38.
    const std::string sentence = "B is right on 12 rows A gets wrong (0.55) and A on 3.";
    const auto lines = lines_of(sentence, 38);
    CHECK(lines == std::vector<std::string>{"B is right on 12 rows A gets wrong", "(0.55) and A on 3."});
}

TEST_CASE("lines fill up to the width, counting the spaces between words") {
    CHECK(lines_of("aa bb cc dd", 5) == std::vector<std::string>{"aa bb", "cc dd"});
    CHECK(lines_of("aa bb cc dd", 4) == std::vector<std::string>{"aa", "bb", "cc", "dd"});
    CHECK(lines_of("aa bb cc dd", 11) == std::vector<std::string>{"aa bb cc dd"});
}

TEST_CASE("a word wider than the line gets a line of its own, uncut") {
    CHECK(lines_of("go https://example.com/very/long now", 10) ==
          std::vector<std::string>{"go", "https://example.com/very/long", "now"});
}

TEST_CASE("the text's own line breaks stay, and spaces at a break belong to no line") {
    CHECK(lines_of("one  two\nthree", 5) == std::vector<std::string>{"one", "two", "three"});
    CHECK(lines_of("", 5) == std::vector<std::string>{""});
    CHECK(lines_of("a\n\nb", 5) == std::vector<std::string>{"a", "", "b"});
}
