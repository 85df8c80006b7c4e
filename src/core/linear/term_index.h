#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/data/string_map.h"
#include "core/linear/sparse_rows.h"
#include "core/linear/tfidf.h"

namespace tb::linear {

// Which terms become columns, and their IDFs: what fitting TF-IDF on the training texts decides.
struct Columns {
    int max_ngram = 1;
    std::vector<std::int32_t> of_word;  // word id → column, or -1
    std::vector<std::int32_t> of_pair;  // pair id → column, or -1
    std::vector<float> idf;             // per column
    std::vector<std::string> terms;     // per column: "word" or "word word"

    std::size_t width() const { return idf.size(); }
    Tfidf tfidf() const { return Tfidf(max_ngram, terms, idf); }
};

// Texts read once into word ids, so fitting TF-IDF for several settings never reads a text again. The
// training texts give the words (ids in first-seen order, so the result is the same on every platform),
// each word's and each pair of neighbouring words' document frequency and count; texts added after them
// (validation, test) reuse the ids, an unseen word being -1.
class TermIndex {
public:
    void add_training(std::string_view text);
    void add_other(std::string_view text);

    std::size_t training_texts() const { return training_; }
    std::size_t texts() const { return starts_.size() - 1; }
    std::size_t words() const { return word_names_.size(); }
    std::size_t pairs() const { return pair_words_.size(); }

    // scikit-learn's fit: the terms of up to `max_ngram` words (1 or 2) in at least `min_df` training
    // texts; past `max_features`, those of the highest count (ties: words before pairs, then first seen).
    // Fitted on the training texts `of` (all of them when empty).
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
    std::int32_t pair_of(std::int32_t first, std::int32_t second) const;

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
};

}  // namespace tb::linear
