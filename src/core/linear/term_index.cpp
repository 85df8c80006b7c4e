#include "core/linear/term_index.h"

#include <algorithm>

#include "core/linear/words.h"

namespace tb::linear {

namespace {

std::uint64_t pair_key(std::int32_t first, std::int32_t second) {
    return std::uint64_t{static_cast<std::uint32_t>(first)} << 32 | static_cast<std::uint32_t>(second);
}

void count(auto& stats, std::size_t text) {
    ++stats.count;
    if (stats.last_text != text) {
        stats.last_text = text;
        ++stats.documents;
    }
}

}  // namespace

void TermIndex::add_training(std::string_view text) { add(text, true); }
void TermIndex::add_other(std::string_view text) { add(text, false); }

void TermIndex::add(std::string_view text, bool training) {
    const std::size_t index = texts();
    const std::size_t start = ids_.size();
    for_each_word(text, scratch_, [&](std::string_view word) {
        auto it = word_ids_.find(word);
        if (it == word_ids_.end()) {
            if (!training) {
                ids_.push_back(-1);
                return;
            }
            it = word_ids_.emplace(std::string(word), static_cast<std::int32_t>(word_names_.size())).first;
            word_names_.emplace_back(word);
            word_stats_.emplace_back();
        }
        ids_.push_back(it->second);
    });
    starts_.push_back(ids_.size());
    if (!training) return;
    ++training_;
    for (std::size_t i = start; i < ids_.size(); ++i) {
        count(word_stats_[static_cast<std::size_t>(ids_[i])], index);
        if (i == start) continue;
        const std::uint64_t key = pair_key(ids_[i - 1], ids_[i]);
        auto it = pair_ids_.find(key);
        if (it == pair_ids_.end()) {
            it = pair_ids_.emplace(key, static_cast<std::int32_t>(pair_words_.size())).first;
            pair_words_.emplace_back(ids_[i - 1], ids_[i]);
            pair_stats_.emplace_back();
        }
        count(pair_stats_[static_cast<std::size_t>(it->second)], index);
    }
}

std::int32_t TermIndex::pair_of(std::int32_t first, std::int32_t second) const {
    if (first < 0 || second < 0) return -1;
    const auto it = pair_ids_.find(pair_key(first, second));
    return it == pair_ids_.end() ? -1 : it->second;
}

Columns TermIndex::fit(int max_ngram, int min_df, std::size_t max_features, const std::vector<std::size_t>& of) const {
    // Document frequencies and counts over the texts fitted on: the stored ones when all, else counted.
    std::vector<Stats> word_stats, pair_stats;
    std::size_t documents = training_;
    if (!of.empty()) {
        documents = of.size();
        word_stats.resize(word_stats_.size());
        pair_stats.resize(max_ngram >= 2 ? pair_stats_.size() : 0);
        for (const std::size_t text : of) {
            for (std::size_t i = starts_[text]; i < starts_[text + 1]; ++i) {
                count(word_stats[static_cast<std::size_t>(ids_[i])], text);
                if (max_ngram >= 2 && i > starts_[text]) {
                    count(pair_stats[static_cast<std::size_t>(pair_of(ids_[i - 1], ids_[i]))], text);
                }
            }
        }
    }
    const std::vector<Stats>& words = of.empty() ? word_stats_ : word_stats;
    const std::vector<Stats>& pairs = of.empty() ? pair_stats_ : pair_stats;

    // Candidates: (count, index) with words as 0..W-1 and pairs as W.. in the ranking's tie order.
    struct Candidate {
        std::uint64_t count;
        std::size_t index;
    };
    std::vector<Candidate> candidates;
    const auto min_documents = static_cast<std::uint32_t>(std::max(1, min_df));
    for (std::size_t w = 0; w < words.size(); ++w) {
        if (words[w].documents >= min_documents) candidates.push_back({words[w].count, w});
    }
    if (max_ngram >= 2) {
        for (std::size_t p = 0; p < pairs.size(); ++p) {
            if (pairs[p].documents >= min_documents) candidates.push_back({pairs[p].count, words.size() + p});
        }
    }
    if (candidates.size() > max_features) {
        const auto higher = [](const Candidate& a, const Candidate& b) {
            return a.count != b.count ? a.count > b.count : a.index < b.index;
        };
        std::nth_element(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(max_features),
                         candidates.end(), higher);
        candidates.resize(max_features);
        std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.index < b.index; });
    }

    Columns out;
    out.max_ngram = max_ngram;
    out.of_word.assign(words.size(), -1);
    out.of_pair.assign(max_ngram >= 2 ? pairs.size() : 0, -1);
    for (const Candidate& c : candidates) {
        const auto column = static_cast<std::int32_t>(out.idf.size());
        if (c.index < words.size()) {
            out.of_word[c.index] = column;
            out.terms.push_back(word_names_[c.index]);
            out.idf.push_back(smooth_idf(documents, words[c.index].documents));
        } else {
            const std::size_t p = c.index - words.size();
            out.of_pair[p] = column;
            const auto [first, second] = pair_words_[p];
            out.terms.push_back(word_names_[static_cast<std::size_t>(first)] + " " +
                                word_names_[static_cast<std::size_t>(second)]);
            out.idf.push_back(smooth_idf(documents, pairs[p].documents));
        }
    }
    return out;
}

void TermIndex::row(std::size_t text, const Columns& columns, std::vector<std::int32_t>& scratch,
                    std::vector<std::int32_t>& row_columns, std::vector<float>& row_values) const {
    scratch.clear();
    for (std::size_t i = starts_[text]; i < starts_[text + 1]; ++i) {
        const std::int32_t word = ids_[i];
        if (word >= 0 && columns.of_word[static_cast<std::size_t>(word)] >= 0) {
            scratch.push_back(columns.of_word[static_cast<std::size_t>(word)]);
        }
        if (columns.max_ngram >= 2 && i > starts_[text]) {
            const std::int32_t pair = pair_of(ids_[i - 1], word);
            if (pair >= 0 && columns.of_pair[static_cast<std::size_t>(pair)] >= 0) {
                scratch.push_back(columns.of_pair[static_cast<std::size_t>(pair)]);
            }
        }
    }
    tfidf_row(scratch, columns.idf, row_columns, row_values);
}

}  // namespace tb::linear
