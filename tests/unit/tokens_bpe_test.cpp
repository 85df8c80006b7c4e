#include <catch2/catch.hpp>

#include <cstdint>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "core/text/utf8.h"
#include "core/tokens/bpe.h"
#include "token_fixtures.h"

using tb::test::bpe_for;
using tb::tokens::Bpe;
using tb::tokens::Encoding;

namespace {

// Compares Bpe with js-tiktoken on every case of a fixture file: the token ids, and count() with them.
void check_against_js_tiktoken(Encoding encoding, const std::string& fixture, std::size_t at_least) {
    const Bpe& bpe = bpe_for(encoding);
    const auto cases = tb::test::read_token_cases(fixture);
    std::size_t mismatches = 0;
    std::size_t tokens = 0;
    for (const auto& c : cases) {
        const auto& expected = c.ids.at(encoding);
        tokens += expected.size();
        const auto ids = bpe.encode(c.text);
        const std::size_t count = bpe.count(c.text);
        if (ids == expected && count == expected.size()) continue;
        if (++mismatches <= 5) {
            std::size_t first = 0;
            while (first < ids.size() && first < expected.size() && ids[first] == expected[first]) ++first;
            INFO(c.label << ": " << ids.size() << " tokens (count() " << count << "), js-tiktoken "
                         << expected.size() << "; first difference at token " << first);
            CHECK(false);
        }
    }
    INFO(fixture << ": " << cases.size() << " texts, " << tokens << " tokens");
    CHECK(cases.size() >= at_least);
    CHECK(mismatches == 0);
}

// tiktoken's merge written the plain way (lowest rank, leftmost first, one merge a pass), for comparison.
std::vector<std::uint32_t> reference_merge(const Bpe& bpe, std::string_view piece) {
    std::vector<std::size_t> starts(piece.size() + 1);
    std::iota(starts.begin(), starts.end(), 0);
    for (;;) {
        std::uint32_t best = Bpe::kNoRank;
        std::size_t at = 0;
        for (std::size_t j = 0; j + 2 < starts.size(); ++j) {
            const std::uint32_t rank = bpe.rank_of(piece.substr(starts[j], starts[j + 2] - starts[j]));
            if (rank < best) {
                best = rank;
                at = j;
            }
        }
        if (best == Bpe::kNoRank) break;
        starts.erase(starts.begin() + static_cast<std::ptrdiff_t>(at) + 1);
    }
    std::vector<std::uint32_t> ids;
    for (std::size_t j = 0; j + 1 < starts.size(); ++j) {
        ids.push_back(bpe.rank_of(piece.substr(starts[j], starts[j + 1] - starts[j])));
    }
    return ids;
}

}  // namespace

TEST_CASE("o200k_base gives js-tiktoken's tokens on the corpus") {
    check_against_js_tiktoken(Encoding::O200kBase, "corpus.bin", 1500);
}

TEST_CASE("cl100k_base gives js-tiktoken's tokens on the corpus") {
    check_against_js_tiktoken(Encoding::Cl100kBase, "corpus.bin", 1500);
}

TEST_CASE("o200k_base gives js-tiktoken's tokens on every text of the demo data") {
    check_against_js_tiktoken(Encoding::O200kBase, "demo.bin", 7000);
}

TEST_CASE("cl100k_base gives js-tiktoken's tokens on every text of the demo data") {
    check_against_js_tiktoken(Encoding::Cl100kBase, "demo.bin", 7000);
}

TEST_CASE("the assets load with their encoding, and every byte is a token") {
    const Bpe& o200k = bpe_for(Encoding::O200kBase);
    const Bpe& cl100k = bpe_for(Encoding::Cl100kBase);
    CHECK(o200k.encoding() == Encoding::O200kBase);
    CHECK(cl100k.encoding() == Encoding::Cl100kBase);
    CHECK(o200k.vocabulary_size() == 199998);
    CHECK(cl100k.vocabulary_size() == 100256);
    for (const Bpe* bpe : {&o200k, &cl100k}) {
        for (std::uint32_t rank = 0; rank < bpe->vocabulary_size(); rank += 997) {
            CHECK(bpe->rank_of(bpe->token(rank)) == rank);
        }
        CHECK(bpe->rank_of("") == Bpe::kNoRank);
        CHECK(bpe->token(static_cast<std::uint32_t>(bpe->vocabulary_size())).empty());
        CHECK(bpe->count("") == 0);
        CHECK(bpe->encode(" hello").size() == 1);
        CHECK(bpe->decode(bpe->encode("Tuneboard counts tokens.")) == "Tuneboard counts tokens.");
    }
}

TEST_CASE("malformed assets are refused with a reason") {
    const std::string asset = tb::test::read_file(std::string(TB_TOKEN_ASSET_DIR) + "/cl100k_base.tiktoken.bin");
    std::string error;
    CHECK_FALSE(Bpe::from_asset(std::string_view(), &error));
    CHECK(error == "not a Tuneboard BPE asset");
    CHECK_FALSE(Bpe::from_asset(std::string("TBBPE\0\0\2", 8) + asset.substr(8), &error));
    CHECK_FALSE(Bpe::from_asset(asset.substr(0, asset.size() - 1), &error));
    CHECK(error == "asset size does not match its header");

    std::string pattern = asset;
    pattern[8] = 7;
    CHECK_FALSE(Bpe::from_asset(pattern, &error));
    CHECK(error == "unknown pre-tokenising pattern 7");

    // Token 1 ('"') made a copy of token 0 ('!').
    std::string repeated = asset;
    const std::size_t bytes_at = 20 + 100256;
    repeated[bytes_at + 1] = repeated[bytes_at];
    CHECK_FALSE(Bpe::from_asset(repeated, &error));
    CHECK(error == "token 1 repeats an earlier one");

    // Rank 0 unused: then the byte '!' is not a token any more.
    std::string unused = asset;
    unused[20] = 0;
    unused.erase(bytes_at, 1);
    const std::uint32_t total = static_cast<std::uint32_t>(unused.size() - bytes_at);
    for (int i = 0; i < 4; ++i) unused[16 + i] = static_cast<char>(total >> (8 * i));
    CHECK_FALSE(Bpe::from_asset(unused, &error));
    CHECK(error == "byte 33 is not a token");
}

TEST_CASE("long pieces merge as the plain algorithm does, ties going to the leftmost pair") {
    std::mt19937 random(11);
    for (const auto encoding : {Encoding::O200kBase, Encoding::Cl100kBase}) {
        const Bpe& bpe = bpe_for(encoding);
        std::vector<std::string> pieces = {std::string(700, 'a'), std::string(300, ' '), "ab" + std::string(400, 'b'),
                                           std::string(129, '!')};
        for (const std::string alphabet : {"ab", "abc ", "etaoin shrdlu", "0123456789", "\xE4\xB8\xAD\xE6\x96\x87"}) {
            for (int round = 0; round < 4; ++round) {
                std::string piece(2 + random() % 900, ' ');
                for (char& c : piece) c = alphabet[random() % alphabet.size()];
                pieces.push_back(piece);
            }
        }
        for (const auto& piece : pieces) {
            INFO(tb::tokens::encoding_name(encoding) << ", a piece of " << piece.size() << " bytes");
            std::vector<std::uint32_t> ids;
            bpe.encode_piece(piece, ids);
            CHECK(ids == reference_merge(bpe, piece));
            CHECK(bpe.count_piece(piece) == ids.size());
        }
    }
}

TEST_CASE("very long inputs encode without loss") {
    const std::string texts[] = {std::string(1 << 20, 'a'), std::string(200000, ' ') + "x",
                                 std::string(100000, '\n'), std::string(300000, '7'), "ab" + std::string(100000, '!')};
    for (const auto encoding : {Encoding::O200kBase, Encoding::Cl100kBase}) {
        const Bpe& bpe = bpe_for(encoding);
        for (const auto& text : texts) {
            const auto ids = bpe.encode(text);
            CHECK(bpe.decode(ids) == text);
            CHECK(bpe.count(text) == ids.size());
        }
    }
}

TEST_CASE("ill-formed UTF-8 counts as the text a browser's TextDecoder makes of it") {
    std::mt19937 random(5);
    const std::string alphabet =
        std::string("a A'\r\n") + "\x80\xBF\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xFF\xED\xA0\xC0";
    for (const auto encoding : {Encoding::O200kBase, Encoding::Cl100kBase}) {
        const Bpe& bpe = bpe_for(encoding);
        for (int round = 0; round < 500; ++round) {
            std::string text(random() % 40, '\0');
            for (char& c : text) c = alphabet[random() % alphabet.size()];
            std::string repaired;
            tb::text::append_utf8_replacing_invalid(repaired, text);
            const auto ids = bpe.encode(text);
            CHECK(ids == bpe.encode(repaired));
            CHECK(bpe.decode(ids) == repaired);
            CHECK(bpe.count(text) == ids.size());
        }
    }
}

TEST_CASE("special tokens are counted as the plain text they are made of") {
    const Bpe& o200k = bpe_for(Encoding::O200kBase);
    CHECK(o200k.count("<|endoftext|>") > 1);
    CHECK(o200k.decode(o200k.encode("<|endoftext|>")) == "<|endoftext|>");
}
