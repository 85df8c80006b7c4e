#include <catch2/catch.hpp>

#include <cstdint>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/tokens/unicode_classes.h"
#include "token_fixtures.h"

using tb::tokens::char_classes;

TEST_CASE("character classes of a few landmarks") {
    using namespace tb::tokens;
    CHECK(char_classes('a') == (kLetter | kLower));
    CHECK(char_classes('A') == (kLetter | kUpper));
    CHECK(char_classes(0x01C5) == (kLetter | kUpper));             // Dž, titlecase
    CHECK(char_classes(0x4E2D) == (kLetter | kUpper | kLower));    // 中, Lo
    CHECK(char_classes(0x0301) == (kMark | kUpper | kLower));      // combining acute
    CHECK(char_classes('7') == kNumber);
    CHECK(char_classes(0x00BD) == kNumber);                         // ½
    CHECK(char_classes(' ') == kSpace);
    CHECK(char_classes(0xFEFF) == kSpace);                          // JavaScript's \s has the BOM...
    CHECK(char_classes(0x0085) == 0);                               // ...and not NEL
    CHECK(char_classes(0x00A0) == kSpace);
    CHECK(char_classes('!') == 0);
    CHECK(char_classes(0x110000) == 0);
}

// Node's regular expressions (what js-tiktoken runs) against the table built from Debian's unicode-data.
// Node's Unicode can be newer: code points that Debian's version leaves unassigned may differ, and the few
// whose category a later version changed, listed here; nothing else.
namespace {
bool recategorised_since_unicode_15(char32_t cp) {
    return cp == 0x0295;  // ʕ: Ll in 15.0, Lo from 16.0 (o200k then also takes it as an upper-class letter)
}
}  // namespace

TEST_CASE("the class table agrees with node's regular expressions wherever Debian's Unicode assigns the character") {
    tb::test::FixtureReader runs(tb::test::read_file(tb::test::token_fixture_path("classes.bin")));
    std::vector<std::pair<char32_t, std::uint8_t>> node_runs(runs.u32());
    for (auto& [start, bits] : node_runs) {
        start = runs.u32();
        bits = static_cast<std::uint8_t>(runs.u32());
    }
    std::vector<bool> assigned(0x110000, false);
    std::istringstream assigned_list(tb::test::read_file(TB_UNICODE_ASSIGNED));
    for (std::string line; std::getline(assigned_list, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::uint32_t first = 0, last = 0;
        fields >> std::hex >> first >> last;
        for (std::uint32_t cp = first; cp <= last; ++cp) assigned[cp] = true;
    }

    std::size_t checked = 0, newer = 0, wrong = 0;
    for (std::size_t run = 0; run < node_runs.size(); ++run) {
        const char32_t end = run + 1 < node_runs.size() ? node_runs[run + 1].first : 0x110000;
        for (char32_t cp = node_runs[run].first; cp < end; ++cp) {
            if (cp >= 0xD800 && cp <= 0xDFFF) continue;
            ++checked;
            if (char_classes(cp) == node_runs[run].second) continue;
            if (!assigned[cp] || recategorised_since_unicode_15(cp)) {
                ++newer;
                continue;
            }
            if (++wrong <= 10) {
                INFO("U+" << std::hex << static_cast<std::uint32_t>(cp) << ": table " << int{char_classes(cp)}
                          << ", node " << int{node_runs[run].second});
                CHECK(false);
            }
        }
    }
    INFO("Unicode " << tb::tokens::unicode_classes_version() << ": " << newer
                    << " code points are classed otherwise by node's newer Unicode");
    CHECK(checked == 0x110000 - 0x800);
    CHECK(wrong == 0);
}
