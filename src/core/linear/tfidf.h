#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/linear/char_grams.h"
#include "core/linear/term_table.h"

namespace tb::train {
class ByteReader;
class ByteWriter;
}  // namespace tb::train

namespace tb::linear {

// Builds a row from the columns of a text's terms, in any order and with repeats: sorted columns, each
// valued sublinear tf × idf = (1 + ln count) × idf[column], the row scaled to unit L2 norm (scikit-learn's
// TfidfVectorizer(sublinear_tf=True, norm="l2")). Every row, fitted or predicted, is made here.
void tfidf_row(std::vector<std::int32_t>& term_columns, std::span<const float> idf, std::vector<std::int32_t>& columns,
               std::vector<float>& values);
// The same block appended after what `columns` and `values` hold, scaled to unit norm on its own: the
// character n-grams' block beside the words' (scikit-learn's FeatureUnion of two TfidfVectorizers). Its
// columns must all be past those already there.
void append_tfidf_row(std::vector<std::int32_t>& term_columns, std::span<const float> idf, std::vector<std::int32_t>& columns,
                      std::vector<float>& values);

// scikit-learn's smooth IDF: ln((1 + documents) / (1 + documents with the term)) + 1.
float smooth_idf(std::size_t documents, std::size_t with_term);

// The fitted features of a text: its words (words.h) and, with max_ngram 2, each pair of neighbouring
// words, joined by a space as scikit-learn names them; each kept term has a column and an IDF. With a
// character range, the character n-grams of char_grams.h follow as a second block, from column
// word_width() on, normalised on its own.
class Tfidf {
public:
    Tfidf() = default;
    Tfidf(int max_ngram, std::vector<std::string> terms, std::vector<float> idf);
    Tfidf(int max_ngram, CharRange chars, std::size_t word_width, std::vector<std::string> terms, std::vector<float> idf);

    // What transform() works in, kept by a caller that transforms text after text so that no row allocates.
    struct Scratch {
        std::vector<std::int32_t> found;
        std::vector<std::uint32_t> counts;  // per column, zero between calls
        std::string word, previous, pair, padded;
        std::vector<std::uint32_t> starts;
    };
    // The text's row (see tfidf_row); terms not kept are ignored, so a text may give an empty row.
    void transform(std::string_view text, std::vector<std::int32_t>& columns, std::vector<float>& values) const;
    void transform(std::string_view text, std::vector<std::int32_t>& columns, std::vector<float>& values, Scratch& scratch) const;

    int max_ngram() const { return max_ngram_; }
    CharRange chars() const { return chars_; }
    std::size_t word_width() const { return word_width_; }
    std::size_t width() const { return terms_.size(); }
    const std::vector<std::string>& terms() const { return terms_; }
    const std::vector<float>& idf() const { return idf_; }

    // Version 1 of the record has no character n-grams; version 2 adds their range and the words' width
    // (linear_model.cpp describes both). write() gives the lowest version that holds the features.
    std::uint32_t version() const { return chars_.on() ? 2 : 1; }
    void write(train::ByteWriter& out) const;
    // False, with `error` saying why, for a malformed or inconsistent record.
    bool read(train::ByteReader& in, std::uint32_t version, std::string& error);

private:
    bool index();  // false if a term appears twice in a block

    int max_ngram_ = 1;
    CharRange chars_;
    std::size_t word_width_ = 0;
    std::vector<std::string> terms_;
    std::vector<float> idf_;
    TermTable words_;  // words and pairs
    TermTable grams_;  // character n-grams (the same text may be a word too)
};

}  // namespace tb::linear
