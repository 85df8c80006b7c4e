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

// scikit-learn's choice of terms: those in at least `min_documents` texts and, past `max_features`, those
// of the highest count (ties: the lower index). Their indices, in increasing order.
template <typename StatsAt>
std::vector<std::size_t> kept_terms(std::size_t terms, StatsAt&& stats_at, std::uint32_t min_documents, std::size_t max_features) {
    struct Candidate {
        std::uint64_t count;
        std::size_t index;
    };
    std::vector<Candidate> candidates;
    for (std::size_t i = 0; i < terms; ++i) {
        if (stats_at(i).documents >= min_documents) candidates.push_back({stats_at(i).count, i});
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
    std::vector<std::size_t> out;
    out.reserve(candidates.size());
    for (const Candidate& c : candidates) out.push_back(c.index);
    return out;
}

}  // namespace

void TermIndex::add_training(std::string_view text) { add(text, true); }
void TermIndex::add_other(std::string_view text) { add(text, false); }

void TermIndex::add(std::string_view text, bool training) {
    if (chars_.on()) add_pieces(text, training);
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

void TermIndex::add_pieces(std::string_view text, bool training) {
    const std::size_t index = texts();
    const std::size_t start = piece_ids_.size();
    for_each_piece(text, scratch_, [&](std::string_view piece) {
        auto it = piece_of_.find(piece);
        if (it == piece_of_.end()) {
            it = piece_of_.emplace(std::string(piece), static_cast<std::int32_t>(piece_of_.size())).first;
            for_each_piece_gram(piece, chars_, padded_, char_starts_, [&](std::string_view gram) {
                auto g = gram_of_.find(gram);
                if (g == gram_of_.end()) {
                    if (!training) return;  // no column can hold an n-gram no training text has
                    g = gram_of_.emplace(std::string(gram), static_cast<std::int32_t>(gram_names_.size())).first;
                    gram_names_.emplace_back(gram);
                    gram_stats_.emplace_back();
                }
                piece_grams_.push_back(g->second);
            });
            piece_gram_starts_.push_back(piece_grams_.size());
        }
        piece_ids_.push_back(it->second);
    });
    piece_starts_.push_back(piece_ids_.size());
    if (!training) return;
    for (std::size_t i = start; i < piece_ids_.size(); ++i) {
        for (const std::int32_t gram : grams_of(piece_ids_[i])) count(gram_stats_[static_cast<std::size_t>(gram)], index);
    }
}

std::int32_t TermIndex::pair_of(std::int32_t first, std::int32_t second) const {
    if (first < 0 || second < 0) return -1;
    const auto it = pair_ids_.find(pair_key(first, second));
    return it == pair_ids_.end() ? -1 : it->second;
}

Columns TermIndex::fit(int max_ngram, int min_df, std::size_t max_features, const std::vector<std::size_t>& of) const {
    // Document frequencies and counts over the texts fitted on: the stored ones when all, else counted.
    std::vector<Stats> word_stats, pair_stats, gram_stats;
    std::size_t documents = training_;
    if (!of.empty()) {
        documents = of.size();
        word_stats.resize(word_stats_.size());
        pair_stats.resize(max_ngram >= 2 ? pair_stats_.size() : 0);
        gram_stats.resize(gram_stats_.size());
        for (const std::size_t text : of) {
            for (std::size_t i = starts_[text]; i < starts_[text + 1]; ++i) {
                count(word_stats[static_cast<std::size_t>(ids_[i])], text);
                if (max_ngram >= 2 && i > starts_[text]) {
                    count(pair_stats[static_cast<std::size_t>(pair_of(ids_[i - 1], ids_[i]))], text);
                }
            }
            if (!chars_.on()) continue;
            for (std::size_t i = piece_starts_[text]; i < piece_starts_[text + 1]; ++i) {
                for (const std::int32_t gram : grams_of(piece_ids_[i])) count(gram_stats[static_cast<std::size_t>(gram)], text);
            }
        }
    }
    const std::vector<Stats>& words = of.empty() ? word_stats_ : word_stats;
    const std::vector<Stats>& pairs = of.empty() ? pair_stats_ : pair_stats;
    const std::vector<Stats>& grams = of.empty() ? gram_stats_ : gram_stats;
    const auto min_documents = static_cast<std::uint32_t>(std::max(1, min_df));

    Columns out;
    out.max_ngram = max_ngram;
    out.chars = chars_;
    out.of_word.assign(words.size(), -1);
    out.of_pair.assign(max_ngram >= 2 ? pairs.size() : 0, -1);
    out.of_gram.assign(grams.size(), -1);
    const auto add_column = [&](std::vector<std::int32_t>& of_term, std::size_t term, std::string name, const Stats& stats) {
        of_term[term] = static_cast<std::int32_t>(out.idf.size());
        out.terms.push_back(std::move(name));
        out.idf.push_back(smooth_idf(documents, stats.documents));
    };
    // Words as 0..W-1 and pairs as W.. in the ranking's tie order.
    const std::size_t word_terms = words.size() + (max_ngram >= 2 ? pairs.size() : 0);
    const auto word_or_pair = [&](std::size_t i) -> const Stats& { return i < words.size() ? words[i] : pairs[i - words.size()]; };
    for (const std::size_t i : kept_terms(word_terms, word_or_pair, min_documents, max_features)) {
        if (i < words.size()) {
            add_column(out.of_word, i, word_names_[i], words[i]);
        } else {
            const std::size_t p = i - words.size();
            const auto [first, second] = pair_words_[p];
            add_column(out.of_pair, p,
                       word_names_[static_cast<std::size_t>(first)] + " " + word_names_[static_cast<std::size_t>(second)], pairs[p]);
        }
    }
    out.word_width = out.width();
    const auto gram = [&](std::size_t i) -> const Stats& { return grams[i]; };
    for (const std::size_t i : kept_terms(grams.size(), gram, min_documents, max_features)) {
        add_column(out.of_gram, i, gram_names_[i], grams[i]);
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
    if (!columns.chars.on()) return;
    scratch.clear();
    for (std::size_t i = piece_starts_[text]; i < piece_starts_[text + 1]; ++i) {
        for (const std::int32_t gram : grams_of(piece_ids_[i])) {
            const std::int32_t column = columns.of_gram[static_cast<std::size_t>(gram)];
            if (column >= 0) scratch.push_back(column);
        }
    }
    append_tfidf_row(scratch, columns.idf, row_columns, row_values);
}

}  // namespace tb::linear
