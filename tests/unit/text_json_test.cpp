#include <catch2/catch.hpp>

#include <string>

#include "core/text/json_text.h"
#include "core/text/utf8.h"

using tb::text::dump_json;
using tb::text::kMaxJsonDepth;
using tb::text::parse_json;

namespace {
std::string nested(std::size_t depth, std::string_view inner = "1") {
    return std::string(depth, '[') + std::string(inner) + std::string(depth, ']');
}
}  // namespace

TEST_CASE("JSON is read up to the depth limit and refused beyond it, saying so") {
    const auto at_limit = parse_json(nested(kMaxJsonDepth));
    REQUIRE(at_limit.ok());
    CHECK(at_limit.value.is_array());
    const auto beyond = parse_json(nested(kMaxJsonDepth + 1));
    CHECK_FALSE(beyond.ok());
    CHECK(beyond.value.is_discarded());
    CHECK(beyond.problem == "it is nested deeper than 64 levels, the most Tuneboard reads");

    // An imported experiment 100,000 levels deep inside its answers (a 200 KB file): refused at once,
    // without a recursion that deep (which overflowed the stack when the document was copied).
    const std::string deep = R"({"format":1,"evaluation":{"evaluations":[{"answers":)" + nested(100000) + "}]}}";
    const auto refused = parse_json(deep);
    CHECK_FALSE(refused.ok());
    CHECK(refused.problem.find("deeper than 64 levels") != std::string::npos);
    // Objects count as arrays do.
    std::string objects;
    for (std::size_t i = 0; i <= kMaxJsonDepth; ++i) objects += "{\"a\":";
    objects += "1" + std::string(kMaxJsonDepth + 1, '}');
    CHECK_FALSE(parse_json(objects).ok());
}

TEST_CASE("JSON that does not parse is refused with the line and column where it stops") {
    const auto broken = parse_json("{\n  \"a\": 1,\n  \"b\": tru\n}");
    CHECK_FALSE(broken.ok());
    CHECK(broken.problem == "it is not valid JSON (line 3, column 11)");
    CHECK_FALSE(parse_json("").ok());
    CHECK_FALSE(parse_json("\"caf\xE9\"").ok());  // a string that is not UTF-8
    const auto fine = parse_json(R"({"a":[1,2.5,"x",null,true]})");
    REQUIRE(fine.ok());
    CHECK(fine.value["a"][1] == 2.5);
}

TEST_CASE("saving never throws: text that is not UTF-8 is written with U+FFFD") {
    const nlohmann::json document = {{"raw", std::string(199, 'x') + "\xE2\x80"}, {"name", "caf\xE9"}};
    CHECK_THROWS(document.dump());  // what the app did before
    std::string saved;
    REQUIRE_NOTHROW(saved = dump_json(document));
    CHECK(saved == "{\"name\":\"caf\xEF\xBF\xBD\",\"raw\":\"" + std::string(199, 'x') + "\xEF\xBF\xBD\"}");
    CHECK(tb::text::valid_utf8_prefix(saved) == saved.size());
    CHECK(dump_json({{"a", 1}}, 1) == "{\n \"a\": 1\n}");
}
