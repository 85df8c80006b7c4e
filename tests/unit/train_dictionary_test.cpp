#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/train/dictionary.h"
#include "core/train/tokens.h"
#include "core/train/trainer.h"

using namespace tb::train;

namespace {

std::vector<std::string> tokens_of(std::string_view text) {
    std::vector<std::string> out;
    for_each_token(text, [&](std::string_view token) { out.emplace_back(token); });
    return out;
}

}  // namespace

TEST_CASE("train: tokens split on fastText's separators, with </s> at each newline and the end", "[train]") {
    using V = std::vector<std::string>;
    CHECK(tokens_of("a b") == V{"a", "b", "</s>"});
    CHECK(tokens_of("  a\t\tb \v c\f") == V{"a", "b", "c", "</s>"});
    CHECK(tokens_of("a\nb") == V{"a", "</s>", "b", "</s>"});
    CHECK(tokens_of("a\r\nb\n") == V{"a", "</s>", "b", "</s>"});  // a final newline is the end's "</s>"
    CHECK(tokens_of("a\n\nb") == V{"a", "</s>", "</s>", "b", "</s>"});
    CHECK(tokens_of("") == V{"</s>"});
    CHECK(tokens_of(std::string_view("a\0b", 3)) == V{"a", "b", "</s>"});
    // Only ASCII separators: a no-break space (U+00A0) and punctuation stay inside words.
    CHECK(tokens_of("a\xC2\xA0" "b, c.") == V{"a\xC2\xA0" "b,", "c.", "</s>"});
}

TEST_CASE("train: the dictionary keeps words seen min_count times, most frequent first", "[train]") {
    Hyperparameters hp;
    hp.min_count = 2;
    const std::vector<std::string> texts = {"b a c", "a d b", "a e"};
    const Dictionary dictionary = Dictionary::build(texts, {"x", "y"}, hp);
    // "</s>" 3, "a" 3, "b" 2; "c", "d", "e" once. Ties keep their order of first appearance.
    REQUIRE(dictionary.word_count() == 3);
    CHECK(dictionary.word(0) == "a");
    CHECK(dictionary.word(1) == "</s>");
    CHECK(dictionary.word(2) == "b");
    CHECK(dictionary.occurrences(0) == 3);
    CHECK(dictionary.occurrences(2) == 2);
    CHECK(dictionary.find("c") == -1);
    CHECK(dictionary.find("b") == 2);
    // Tokens as fastText counts them: 8 words and "</s>" tokens, and a label per line.
    CHECK(dictionary.training_tokens() == 8 + 3 + 3);
    CHECK(dictionary.labels() == std::vector<std::string>{"x", "y"});
    // Word n-grams on by default: 2 + 200,000 bucket rows.
    CHECK(dictionary.bucket() == 200000);
    CHECK(dictionary.input_rows() == 3 + 200000);

    SECTION("no bucket rows without n-grams, as fastText") {
        hp.word_ngrams = 1;
        const Dictionary unigrams = Dictionary::build(texts, {"x"}, hp);
        CHECK(unigrams.bucket() == 0);
        CHECK(unigrams.encode("a zzz b") == std::vector<std::int32_t>{0, 2, 1});
    }
}

TEST_CASE("train: training rows are the dictionary's encoding of each text", "[train]") {
    const std::vector<std::string> texts = {"the card was charged twice", "my loan\npayment was late\n",
                                            "charged a late fee on my card", "\xC3\xA9t\xC3\xA9 card", ""};
    const std::vector<int> labels = {0, 1, 0, 1, 0};
    for (const int maxn : {0, 4}) {
        for (const int min_count : {1, 2}) {
            Hyperparameters hp;
            hp.dim = 4;
            hp.bucket = 5000;
            hp.minn = maxn > 0 ? 2 : 0;
            hp.maxn = maxn;
            hp.min_count = min_count;
            hp.word_ngrams = 3;
            Trainer trainer(texts, labels, {"card", "loan"}, hp);
            while (trainer.phase() != Trainer::Phase::Training) trainer.step(1);
            REQUIRE(trainer.error().empty());
            for (std::size_t i = 0; i < texts.size(); ++i) {
                const auto rows = trainer.input_rows(i);
                const auto expected = trainer.model().dictionary().encode(texts[i]);
                CHECK(std::vector<std::int32_t>(rows.begin(), rows.end()) == expected);
                for (const std::int32_t row : rows) {
                    CHECK(row >= 0);
                    CHECK(row < trainer.model().dictionary().input_rows());
                }
            }
        }
    }
}
