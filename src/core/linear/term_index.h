#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/data/string_map.h"
#include "core/linear/char_grams.h"
#include "core/linear/feature_rows.h"
#include "core/linear/tfidf.h"

namespace tb::linear {

// Which terms become columns, and their IDFs: what fitting TF-IDF on the training texts decides. Words and
// pairs come first; with character n-grams, theirs follow from column word_width on (two blocks, each
// normalised on its own: see tfidf_row).
struct Columns {
    int max_ngram = 1;
    CharRange chars;
    std::size_t word_width = 0;         // columns of words and pairs
    std::vector<std::int32_t> of_word;  // word id → column, or -1
    std::vector<std::int32_t> of_pair;  // pair id → column, or -1
    std::vector<std::int32_t> of_gram;  // character n-gram id → column, or -1
    std::vector<float> idf;             // per column
    std::vector<std::string> terms;     // per column: "word", "word word", or the n-gram (" wo", "ord ")

    std::size_t width() const { return idf.size(); }
    Tfidf tfidf() const { return Tfidf(max_ngram, chars, word_width, terms, idf); }
};

// Texts read once into word ids, so fitting TF-IDF for several settings never reads a text again. The
// training texts give the words (ids in first-seen order, so the result is the same on every platform),
// each word's and each pair of neighbouring words' document frequency and count; texts added after them
// (validation, test) reuse the ids, an unseen word being -1. With a character range, each text's
// whitespace-separated pieces are kept too, each distinct piece with its n-grams' ids: a text's n-grams
// are those of its pieces, so they are cut once per distinct piece. All training texts come first.
class TermIndex {
public:
    explicit TermIndex(CharRange chars = {}) : chars_(chars) {}

    void add_training(std::string_view text);
    void add_other(std::string_view text);

    std::size_t training_texts() const { return training_; }
    std::size_t texts() const { return starts_.size() - 1; }
    std::size_t words() const { return word_names_.size(); }
    std::size_t pairs() const { return pair_words_.size(); }
    std::size_t grams() const { return gram_names_.size(); }
    CharRange chars() const { return chars_; }

    // scikit-learn's fit: the terms of up to `max_ngram` words (1 or 2) in at least `min_df` training
    // texts; past `max_features`, those of the highest count (ties: words before pairs, then first seen).
    // With a character range, its n-grams likewise, as a second vectorizer beside the first (scikit-learn's
    // FeatureUnion): their own `min_df` and `max_features`. Fitted on the training texts `of` (all of them
    // when empty).
    Columns fit(int max_ngram, int min_df, std::size_t max_features, const std::vector<std::size_t>& of = {}) const;
    // Text i's row under `columns` (tfidf_row).
    void row(std::size_t text, const Columns& columns, std::vector<std::int32_t>& scratch,
             std::vector<std::int32_t>& row_columns, std::vector<float>& row_values) const;

private:
    struct Stats {
        std::uint32_t documents = 0;
        std::uint64_t count = 0;
        std::size_t last_text = static_cast<std::size_t>(-1);
    };
    void add(std::string_view text, bool training);
    void add_pieces(std::string_view text, bool training);
    std::int32_t pair_of(std::int32_t first, std::int32_t second) const;
    // The n-gram ids of piece p.
    std::span<const std::int32_t> grams_of(std::int32_t piece) const {
        const auto p = static_cast<std::size_t>(piece);
        return std::span<const std::int32_t>(piece_grams_).subspan(piece_gram_starts_[p], piece_gram_starts_[p + 1] - piece_gram_starts_[p]);
    }

    std::vector<std::int32_t> ids_;             // every text's words back to back
    std::vector<std::size_t> starts_ = {0};     // text i: ids_[starts_[i], starts_[i + 1])
    std::size_t training_ = 0;
    data::StringMap<std::int32_t> word_ids_;
    std::vector<std::string> word_names_;
    std::vector<Stats> word_stats_;
    std::unordered_map<std::uint64_t, std::int32_t> pair_ids_;
    std::vector<std::pair<std::int32_t, std::int32_t>> pair_words_;
    std::vector<Stats> pair_stats_;
    std::string scratch_;
    // Character n-grams (empty without a range).
    CharRange chars_;
    std::vector<std::int32_t> piece_ids_;           // every text's pieces back to back
    std::vector<std::size_t> piece_starts_ = {0};   // text i: piece_ids_[piece_starts_[i], piece_starts_[i + 1])
    data::StringMap<std::int32_t> piece_of_;
    std::vector<std::size_t> piece_gram_starts_ = {0};  // piece p: piece_grams_[starts[p], starts[p + 1])
    std::vector<std::int32_t> piece_grams_;             // known n-grams only
    data::StringMap<std::int32_t> gram_of_;
    std::vector<std::string> gram_names_;
    std::vector<Stats> gram_stats_;
    std::string padded_;
    std::vector<std::uint32_t> char_starts_;
};

}  // namespace tb::linear
