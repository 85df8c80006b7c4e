#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/string_map.h"

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

// scikit-learn's smooth IDF: ln((1 + documents) / (1 + documents with the term)) + 1.
float smooth_idf(std::size_t documents, std::size_t with_term);

// The fitted features of a text: its words (words.h) and, with max_ngram 2, each pair of neighbouring
// words, joined by a space as scikit-learn names them; each kept term has a column and an IDF.
class Tfidf {
public:
    Tfidf() = default;
    Tfidf(int max_ngram, std::vector<std::string> terms, std::vector<float> idf);

    // The text's row (see tfidf_row); terms not kept are ignored, so a text may give an empty row.
    void transform(std::string_view text, std::vector<std::int32_t>& columns, std::vector<float>& values) const;

    int max_ngram() const { return max_ngram_; }
    std::size_t width() const { return terms_.size(); }
    const std::vector<std::string>& terms() const { return terms_; }
    const std::vector<float>& idf() const { return idf_; }

    void write(train::ByteWriter& out) const;
    // False, with `error` saying why, for a malformed or inconsistent record.
    bool read(train::ByteReader& in, std::string& error);

private:
    void index();

    int max_ngram_ = 1;
    std::vector<std::string> terms_;
    std::vector<float> idf_;
    data::StringMap<std::int32_t> column_of_;
};

}  // namespace tb::linear
