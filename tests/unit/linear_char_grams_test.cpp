// Character n-grams of the TF-IDF model (src/core/linear/char_grams.h): the n-grams, their IDFs and rows
// against scikit-learn 1.2.1's (Debian's python3-sklearn) TfidfVectorizer(analyzer="char_wb",
// ngram_range=(2, 5), sublinear_tf=True) for the same tiny data set, computed once and written here; the
// words' block and the characters' block each normalised on its own (a FeatureUnion of the two
// vectorizers); the saved model's two versions; and a task only character n-grams can learn.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/data/hashing.h"
#include "core/linear/char_grams.h"
#include "core/linear/linear_model.h"
#include "core/linear/linear_search.h"
#include "core/linear/term_index.h"
#include "linear_fixtures.h"

using namespace tb::linear;

namespace {

using fixtures::kClasses;
using fixtures::kLabels;
using fixtures::kTexts;

std::vector<std::string> grams_of(std::string_view text) {
    std::vector<std::string> out;
    std::string scratch, padded;
    std::vector<std::uint32_t> starts;
    for_each_piece(text, scratch, [&](std::string_view piece) {
        for_each_piece_gram(piece, kCharGrams, padded, starts, [&](std::string_view gram) { out.emplace_back(gram); });
    });
    return out;
}

TermIndex index_of(const std::vector<std::string>& texts) {
    TermIndex index(kCharGrams);
    for (const std::string& text : texts) index.add_training(text);
    return index;
}

std::size_t column_of(const Columns& columns, const std::string& term, bool gram) {
    for (std::size_t c = gram ? columns.word_width : 0; c < (gram ? columns.width() : columns.word_width); ++c) {
        if (columns.terms[c] == term) return c;
    }
    FAIL("no column " << term);
    return 0;
}

}  // namespace

TEST_CASE("character n-grams are scikit-learn's char_wb n-grams, in its order", "[linear]") {
    // TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()(text), as printed.
    CHECK(grams_of("Ab c") == std::vector<std::string>{" a", "ab", "b ", " ab", "ab ", " ab ", " c", "c ", " c "});
    CHECK(grams_of("x") == std::vector<std::string>{" x", "x ", " x "});
    CHECK(grams_of("na\u00efve") ==
          std::vector<std::string>{" n", "na", "a\u00ef", "\u00efv", "ve", "e ", " na", "na\u00ef", "a\u00efv", "\u00efve",
                                   "ve ", " na\u00ef", "na\u00efv", "a\u00efve", "\u00efve ", " na\u00efv", "na\u00efve",
                                   "a\u00efve "});
    // Punctuation stays in a piece; tabs, runs of spaces and a no-break space all split.
    const std::vector<std::string> late = grams_of("Late fee,  on\tmy\u00a0card!");
    REQUIRE(late.size() == 58);
    CHECK(std::vector<std::string>(late.begin(), late.begin() + 14) ==
          std::vector<std::string>{" l", "la", "at", "te", "e ", " la", "lat", "ate", "te ", " lat", "late", "ate ", " late", "late "});
    CHECK(std::vector<std::string>(late.begin() + 28, late.begin() + 41) ==
          std::vector<std::string>{" o", "on", "n ", " on", "on ", " on ", " m", "my", "y ", " my", "my ", " my ", " c"});
    CHECK(late.back() == "ard! ");
    CHECK(grams_of(" \t ").empty());
}

TEST_CASE("character n-grams' IDFs and rows are scikit-learn's, a block of their own beside the words", "[linear]") {
    const TermIndex index = index_of(kTexts);
    const Columns columns = index.fit(1, 1, 100000);
    REQUIRE(columns.word_width == 15);
    REQUIRE(columns.width() - columns.word_width == 232);  // len(get_feature_names_out())
    // idf_, by n-gram.
    const std::map<std::string, double> idf = {{" l", 1.336472236621213},   {"lo", 1.8472978603872037},
                                               {"loan ", 2.252762968495368}, {" the", 1.8472978603872037},
                                               {"oan", 2.252762968495368},   {"an ", 2.252762968495368}};
    for (const auto& [gram, value] : idf) {
        INFO(gram);
        CHECK(columns.idf[column_of(columns, gram, true)] == Approx(value).epsilon(1e-6));
    }
    // The word "the" and the n-gram "the" are two columns: each block has its own names.
    CHECK(columns.terms[column_of(columns, "the", false)] == columns.terms[column_of(columns, "the", true)]);

    std::vector<std::int32_t> scratch, row_columns;
    std::vector<float> values;
    index.row(0, columns, scratch, row_columns, values);
    // Row 0 of the character vectorizer alone: 51 n-grams, these values (it is normalised on its own).
    std::size_t grams = 0;
    double word_squares = 0, gram_squares = 0;
    std::map<std::size_t, float> by_column;
    for (std::size_t j = 0; j < row_columns.size(); ++j) {
        const bool gram = static_cast<std::size_t>(row_columns[j]) >= columns.word_width;
        grams += gram ? 1 : 0;
        (gram ? gram_squares : word_squares) += double{values[j]} * values[j];
        by_column[static_cast<std::size_t>(row_columns[j])] = values[j];
    }
    CHECK(grams == 51);
    CHECK(row_columns.size() == 4 + 51);
    CHECK(word_squares == Approx(1.0).epsilon(1e-6));
    CHECK(gram_squares == Approx(1.0).epsilon(1e-6));
    const std::map<std::string, double> expected = {{" l", 0.1461333588597268},
                                                    {" lo", 0.16296294058278402},
                                                    {"loan ", 0.19873182644463036},
                                                    {"an", 0.19873182644463036},
                                                    {" t", 0.1375845121847426}};
    for (const auto& [gram, value] : expected) {
        INFO(gram);
        CHECK(by_column.at(column_of(columns, gram, true)) == Approx(value).epsilon(1e-6));
    }

    // min_df and max_features apply to each block on its own: 136 n-grams in 2 texts or more; the 3 of
    // highest count are scikit-learn's ("e " 9 times, " l" and "d " 6), in first-seen order. (Past them
    // " m", " c" and "ar" tie at 5: ties go to the first seen, as for words, where scikit-learn's
    // unstable argsort keeps " m" and "ar".)
    CHECK(index.fit(1, 2, 100000).width() - index.fit(1, 2, 100000).word_width == 136);
    const Columns top = index.fit(1, 1, 3);
    CHECK(top.word_width == 3);
    CHECK(std::vector<std::string>(top.terms.begin() + 3, top.terms.end()) == std::vector<std::string>{"e ", " l", "d "});
    const Columns five = index.fit(1, 1, 5);
    CHECK(std::vector<std::string>(five.terms.begin() + 5, five.terms.end()) ==
          std::vector<std::string>{"e ", " l", " m", " c", "d "});

    fixtures::check_rows_agree(index, columns, kTexts);
}

TEST_CASE("fitted on some of the texts, character n-grams count only those texts", "[linear]") {
    const TermIndex all = index_of(kTexts);
    const TermIndex some = index_of({kTexts[1], kTexts[3], kTexts[4]});
    const Columns from_all = all.fit(2, 1, 100000, {1, 3, 4});
    const Columns alone = some.fit(2, 1, 100000);
    REQUIRE(from_all.width() == alone.width());
    REQUIRE(from_all.word_width == alone.word_width);
    std::map<std::string, float> idf_all, idf_alone;
    for (std::size_t c = alone.word_width; c < alone.width(); ++c) {
        idf_all[from_all.terms[c]] = from_all.idf[c];
        idf_alone[alone.terms[c]] = alone.idf[c];
    }
    CHECK(idf_all == idf_alone);
}

TEST_CASE("a model with character n-grams saves as version 2 and loads back the same, without, version 1", "[linear]") {
    SearchSettings settings;
    settings.strengths = {3};
    settings.learning_curve = false;
    const auto trained = [&](CharRange chars) {
        settings.chars = chars;
        LinearSearch search(kTexts, kLabels, {}, {}, kClasses, settings);
        while (!search.done()) search.step(1000);
        REQUIRE(search.error().empty());
        CHECK(search.trials().back().chars == chars);
        return search.take_model();
    };
    const LinearModel with = trained(kCharGrams);
    const std::vector<std::uint8_t> blob = with.save();
    CHECK(blob[4] == 2);
    const std::optional<LinearModel> loaded = LinearModel::load(blob);
    REQUIRE(loaded.has_value());
    CHECK(loaded->features().chars() == kCharGrams);
    CHECK(loaded->features().word_width() == with.features().word_width());
    CHECK(loaded->save() == blob);
    for (const char* text : {"card fraud", "mortgages lost", "a late loan"}) CHECK(loaded->predict(text) == with.predict(text));
    CHECK(trained(CharRange{}).save()[4] == 1);

    // A range that is no range, or a words' width past the terms, is refused with a reason. The fields
    // follow the header and the class names; the checksum is made again so only the field is wrong.
    std::size_t features = 4 + 4 + 8 + 8 + 4;
    for (const std::string& name : kClasses) features += 4 + name.size();
    const auto refused_with = [&](std::size_t at, std::uint64_t value, std::size_t bytes) {
        std::vector<std::uint8_t> changed = blob;
        for (std::size_t b = 0; b < bytes; ++b) changed[at + b] = static_cast<std::uint8_t>(value >> (8 * b));
        const std::uint64_t sum = tb::data::hash_bytes(std::span<const std::uint8_t>(changed).first(changed.size() - 8));
        for (std::size_t b = 0; b < 8; ++b) changed[changed.size() - 8 + b] = static_cast<std::uint8_t>(sum >> (8 * b));
        std::string error;
        CHECK_FALSE(LinearModel::load(changed, &error).has_value());
        return error;
    };
    CHECK(refused_with(features + 4, 6, 4) == "its character n-grams of 6 to 5 characters are not a range of 1 to 16");
    CHECK(refused_with(features + 8, 40, 4) == "its character n-grams of 2 to 40 characters are not a range of 1 to 16");
    CHECK(refused_with(features + 12, 1'000'000, 8).starts_with("it claims 1000000 word columns of "));
}

TEST_CASE("character n-grams learn what words cannot: a suffix on words never seen in training", "[linear]") {
    // Each text is three made-up words that all end in "ing" (class 0) or "ed" (class 1); no word of the
    // validation rows is in a training row, so words alone know nothing of them.
    std::uint64_t state = 12345;
    const auto stem = [&] {
        std::string out;
        for (int i = 0; i < 5; ++i) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            out.push_back(static_cast<char>('a' + (state >> 33) % 26));
        }
        return out;
    };
    const auto texts = [&](std::size_t n, std::vector<int>& labels) {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < n; ++i) {
            const int label = static_cast<int>(i % 2);
            const char* suffix = label == 0 ? "ing" : "ed";
            out.push_back(stem() + suffix + " " + stem() + suffix + " " + stem() + suffix);
            labels.push_back(label);
        }
        return out;
    };
    std::vector<int> train_labels, validation_labels;
    const std::vector<std::string> train = texts(60, train_labels), validation = texts(40, validation_labels);
    const auto accuracy = [&](CharRange chars) {
        SearchSettings settings;
        settings.ngrams = {1};
        settings.strengths = {10};
        settings.learning_curve = false;
        settings.chars = chars;
        LinearSearch search(train, train_labels, validation, validation_labels, {"ing", "ed"}, settings);
        while (!search.done()) search.step(500);
        REQUIRE(search.error().empty());
        return search.trials().back().accuracy;
    };
    // Words alone: every validation row is empty, so every answer is the same class (20 of 40).
    CHECK(accuracy(CharRange{}) == Approx(0.5));
    CHECK(accuracy(kCharGrams) == Approx(1.0));
}
