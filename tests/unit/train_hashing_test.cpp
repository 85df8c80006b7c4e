#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/train/dictionary.h"
#include "core/train/fasttext_hash.h"

using namespace tb::train;

// Expected values worked out apart from this code, by a short Python script applying fastText's rule
// (FNV-1a 32 with each byte sign-extended before the xor; n-grams chain the int32 hashes sign-extended
// to 64 bits: h = h * 116049371 + next). The same values must come out of the native and WebAssembly
// builds, and they are the buckets fastText itself uses.

TEST_CASE("train: fastText's hash of ASCII is plain FNV-1a", "[train]") {
    CHECK(fasttext_hash("") == 2166136261u);
    CHECK(fasttext_hash("a") == 0xE40C292Cu);  // FNV-1a's published value
    CHECK(fasttext_hash("</s>") == 3617362777u);
    CHECK(fasttext_hash("the") == 3020861980u);
    CHECK(fasttext_hash("credit") == 3915042948u);
    CHECK(fasttext_hash("XX/XX/XXXX") == 2270868635u);
}

TEST_CASE("train: fastText's hash sign-extends bytes of 0x80 and above", "[train]") {
    CHECK(fasttext_hash("caf\xC3\xA9") == 1970454601u);       // "café"
    CHECK(fasttext_hash("\xC3\xA9t\xC3\xA9") == 200187927u);  // "été"
    CHECK(fasttext_hash("\xE2\x82\xAC") == 814493227u);       // "€"
    // Plain FNV-1a (bytes zero-extended) would give another value.
    std::uint32_t plain = 2166136261u;
    for (const unsigned char c : std::string("\xE2\x82\xAC")) plain = (plain ^ c) * 16777619u;
    CHECK(plain != 814493227u);
}

TEST_CASE("train: word n-gram rows are fastText's buckets", "[train]") {
    Hyperparameters hp;
    hp.word_ngrams = 2;
    hp.bucket = 200000;
    const std::vector<std::string> texts = {"credit report"};
    const Dictionary dictionary = Dictionary::build(texts, {"x"}, hp);
    REQUIRE(dictionary.word_count() == 3);
    const std::int32_t words = dictionary.word_count();
    const std::vector<std::int32_t> expected = {dictionary.find("credit"), dictionary.find("report"),
                                                dictionary.find("</s>"), words + 65687, words + 161890};
    CHECK(dictionary.encode("credit report") == expected);

    SECTION("trigrams over a longer bucket range") {
        hp.word_ngrams = 3;
        hp.bucket = 2000000;
        const Dictionary trigrams = Dictionary::build(std::vector<std::string>{"my credit report"}, {"x"}, hp);
        const auto rows = trigrams.encode("my credit report");
        const std::vector<std::int32_t> ngrams(rows.begin() + 4, rows.end());
        const std::int32_t n = trigrams.word_count();
        CHECK(ngrams == std::vector<std::int32_t>{n + 1402949, n + 217586, n + 265687, n + 1179590, n + 561890});
    }
    SECTION("unknown words still hash into n-grams, with sign-extended hashes") {
        hp.bucket = 1000;
        const Dictionary other = Dictionary::build(std::vector<std::string>{"tea"}, {"x"}, hp);
        const auto rows = other.encode("caf\xC3\xA9 au lait");
        const std::int32_t n = other.word_count();
        // Only "</s>" is known; the bigrams café-au and au-lait, then lait-</s>.
        REQUIRE(rows.size() == 4);
        CHECK(rows[0] == other.find("</s>"));
        CHECK(rows[1] == n + 726);
        CHECK(rows[2] == n + 220);
    }
}

TEST_CASE("train: character n-grams are whole UTF-8 characters, without a lone bracket", "[train]") {
    std::vector<std::string> grams;
    for_each_char_ngram("<\xC3\xA9t\xC3\xA9>", 2, 3, [&](std::string_view g) { grams.emplace_back(g); });
    const std::vector<std::string> expected = {"<\xC3\xA9", "<\xC3\xA9t", "\xC3\xA9t", "\xC3\xA9t\xC3\xA9",
                                               "t\xC3\xA9", "t\xC3\xA9>", "\xC3\xA9>"};
    CHECK(grams == expected);
    std::vector<std::uint32_t> buckets;
    for (const auto& g : grams) buckets.push_back(fasttext_hash(g) % 1000);
    CHECK(buckets == std::vector<std::uint32_t>{627, 133, 975, 927, 387, 535, 781});

    grams.clear();
    for_each_char_ngram("<ab>", 1, 2, [&](std::string_view g) { grams.emplace_back(g); });
    CHECK(grams == std::vector<std::string>{"<a", "a", "ab", "b", "b>"});
}

TEST_CASE("train: a known word's rows are itself then its character n-grams", "[train]") {
    Hyperparameters hp;
    hp.word_ngrams = 1;
    hp.minn = 2;
    hp.maxn = 3;
    hp.bucket = 1000;
    const Dictionary dictionary = Dictionary::build(std::vector<std::string>{"\xC3\xA9t\xC3\xA9"}, {"x"}, hp);
    const std::int32_t n = dictionary.word_count();
    const std::int32_t word = dictionary.find("\xC3\xA9t\xC3\xA9");
    const std::vector<std::int32_t> expected = {word,    n + 627, n + 133, n + 975, n + 927, n + 387,
                                                n + 535, n + 781, dictionary.find("</s>")};
    CHECK(dictionary.encode("\xC3\xA9t\xC3\xA9") == expected);
    // An unknown word has only its n-grams; "</s>" never has any.
    const auto unknown = dictionary.encode("ab");
    CHECK(unknown == std::vector<std::int32_t>{n + static_cast<std::int32_t>(fasttext_hash("<a") % 1000),
                                               n + static_cast<std::int32_t>(fasttext_hash("<ab") % 1000),
                                               n + static_cast<std::int32_t>(fasttext_hash("ab") % 1000),
                                               n + static_cast<std::int32_t>(fasttext_hash("ab>") % 1000),
                                               n + static_cast<std::int32_t>(fasttext_hash("b>") % 1000),
                                               dictionary.find("</s>")});
}
