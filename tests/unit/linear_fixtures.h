#pragma once

// The small data set the TF-IDF model's tests share (scikit-learn's values in them are for these texts),
// and the check that a fitted Tfidf gives every text the very row the index built for it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/linear/term_index.h"

namespace tb::linear::fixtures {

inline const std::vector<std::string> kTexts = {"the loan was late, the loan", "my card was charged twice",
                                                "late fee on my card", "mortgage payment late",
                                                "the mortgage servicer lost my payment", "card fraud charged"};
inline const std::vector<std::string> kClasses = {"card", "loan", "mortgage"};
inline const std::vector<int> kLabels = {1, 0, 0, 2, 2, 0};

// The texts' rows built by the index (training) and by the fitted Tfidf (prediction) are identical, also
// when the prediction keeps its scratch from text to text (as labelling a file does), twice over.
inline void check_rows_agree(const TermIndex& index, const Columns& columns, const std::vector<std::string>& texts) {
    const Tfidf tfidf = columns.tfidf();
    std::vector<std::int32_t> scratch, row_columns, again;
    std::vector<float> values, again_values;
    Tfidf::Scratch kept;
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t t = 0; t < texts.size(); ++t) {
            index.row(t, columns, scratch, row_columns, values);
            INFO(texts[t] << " (pass " << pass << ")");
            tfidf.transform(texts[t], again, again_values);
            CHECK(again == row_columns);
            CHECK(again_values == values);
            tfidf.transform(texts[t], again, again_values, kept);
            CHECK(again == row_columns);
            CHECK(again_values == values);
        }
    }
}

}  // namespace tb::linear::fixtures
