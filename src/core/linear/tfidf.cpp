#include "core/linear/tfidf.h"

#include <algorithm>
#include <cmath>

#include "core/linear/words.h"
#include "core/text/utf8.h"
#include "core/train/bytes.h"
#include "core/train/portable_math.h"

namespace tb::linear {

void tfidf_row(std::vector<std::int32_t>& term_columns, std::span<const float> idf, std::vector<std::int32_t>& columns,
               std::vector<float>& values) {
    columns.clear();
    values.clear();
    append_tfidf_row(term_columns, idf, columns, values);
}

void append_tfidf_row(std::vector<std::int32_t>& term_columns, std::span<const float> idf, std::vector<std::int32_t>& columns,
                      std::vector<float>& values) {
    const std::size_t first = values.size();
    std::sort(term_columns.begin(), term_columns.end());
    // The portable log, so the native and the WebAssembly builds give the very same rows.
    double squares = 0;
    for (std::size_t i = 0; i < term_columns.size();) {
        std::size_t j = i;
        while (j < term_columns.size() && term_columns[j] == term_columns[i]) ++j;
        const double value = (1.0 + train::portable_log(static_cast<double>(j - i))) * idf[static_cast<std::size_t>(term_columns[i])];
        columns.push_back(term_columns[i]);
        values.push_back(static_cast<float>(value));
        squares += value * value;
        i = j;
    }
    if (squares > 0) {
        const double scale = 1.0 / std::sqrt(squares);
        for (std::size_t i = first; i < values.size(); ++i) values[i] = static_cast<float>(values[i] * scale);
    }
}

float smooth_idf(std::size_t documents, std::size_t with_term) {
    return static_cast<float>(train::portable_log((1.0 + static_cast<double>(documents)) / (1.0 + static_cast<double>(with_term))) + 1.0);
}

Tfidf::Tfidf(int max_ngram, std::vector<std::string> terms, std::vector<float> idf)
    : Tfidf(max_ngram, CharRange{}, terms.size(), std::move(terms), std::move(idf)) {}

Tfidf::Tfidf(int max_ngram, CharRange chars, std::size_t word_width, std::vector<std::string> terms, std::vector<float> idf)
    : max_ngram_(max_ngram), chars_(chars), word_width_(word_width), terms_(std::move(terms)), idf_(std::move(idf)) {
    index();
}

void Tfidf::index() {
    column_of_.clear();
    gram_column_of_.clear();
    column_of_.reserve(word_width_);
    gram_column_of_.reserve(terms_.size() - word_width_);
    for (std::size_t i = 0; i < terms_.size(); ++i) {
        (i < word_width_ ? column_of_ : gram_column_of_).emplace(terms_[i], static_cast<std::int32_t>(i));
    }
}

void Tfidf::transform(std::string_view text, std::vector<std::int32_t>& columns, std::vector<float>& values) const {
    std::vector<std::int32_t> found;
    std::string word, previous, pair;
    bool has_previous = false;
    for_each_word(text, word, [&](std::string_view w) {
        if (const auto it = column_of_.find(w); it != column_of_.end()) found.push_back(it->second);
        if (max_ngram_ >= 2) {
            if (has_previous) {
                pair.assign(previous).append(" ").append(w);
                if (const auto it = column_of_.find(std::string_view(pair)); it != column_of_.end()) found.push_back(it->second);
            }
            previous.assign(w);
            has_previous = true;
        }
    });
    tfidf_row(found, idf_, columns, values);
    if (!chars_.on()) return;
    found.clear();
    std::string padded;
    std::vector<std::uint32_t> starts;
    for_each_piece(text, word, [&](std::string_view piece) {
        for_each_piece_gram(piece, chars_, padded, starts, [&](std::string_view gram) {
            if (const auto it = gram_column_of_.find(gram); it != gram_column_of_.end()) found.push_back(it->second);
        });
    });
    append_tfidf_row(found, idf_, columns, values);
}

void Tfidf::write(train::ByteWriter& out) const {
    out.u32(static_cast<std::uint32_t>(max_ngram_));
    if (version() >= 2) {
        out.u32(static_cast<std::uint32_t>(chars_.min));
        out.u32(static_cast<std::uint32_t>(chars_.max));
        out.u64(word_width_);
    }
    out.u32(static_cast<std::uint32_t>(terms_.size()));
    for (const std::string& term : terms_) out.string(term);
    out.floats(idf_);
}

bool Tfidf::read(train::ByteReader& in, std::uint32_t version, std::string& error) {
    std::uint32_t ngram = 0, count = 0, char_min = 0, char_max = 0;
    std::uint64_t word_width = 0;
    if (!in.u32(ngram) || (version >= 2 && (!in.u32(char_min) || !in.u32(char_max) || !in.u64(word_width))) ||
        !in.u32(count)) {
        error = "it ends inside its features";
        return false;
    }
    if (ngram < 1 || ngram > 2) {
        error = "its n-gram length " + std::to_string(ngram) + " is not 1 or 2";
        return false;
    }
    if (version < 2) word_width = count;
    if (version >= 2 && (char_min < 1 || char_max < char_min || char_max > 16)) {
        error = "its character n-grams of " + std::to_string(char_min) + " to " + std::to_string(char_max) +
                " characters are not a range of 1 to 16";
        return false;
    }
    if (word_width > count) {
        error = "it claims " + std::to_string(word_width) + " word columns of " + std::to_string(count);
        return false;
    }
    // Each term takes at least 4 bytes and its IDF 4: a count the blob cannot hold is refused before
    // anything is allocated for it.
    if (count > in.remaining() / 8) {
        error = "it claims " + std::to_string(count) + " terms, more than it holds";
        return false;
    }
    std::vector<std::string> terms(count);
    for (std::string& term : terms) {
        if (!in.string(term)) {
            error = "it ends inside its terms";
            return false;
        }
        if (text::valid_utf8_prefix(term) != term.size()) {
            error = "a term that is not UTF-8 text";
            return false;
        }
    }
    std::vector<float> idf(count);
    if (!in.floats(idf)) {
        error = "it ends inside its IDF values";
        return false;
    }
    for (const float v : idf) {
        if (!std::isfinite(v)) {
            error = "an IDF value is not a number";
            return false;
        }
    }
    max_ngram_ = static_cast<int>(ngram);
    chars_ = version >= 2 ? CharRange{static_cast<int>(char_min), static_cast<int>(char_max)} : CharRange{};
    word_width_ = static_cast<std::size_t>(word_width);
    terms_ = std::move(terms);
    idf_ = std::move(idf);
    index();
    if (column_of_.size() + gram_column_of_.size() != terms_.size()) {
        error = "a term appears twice";
        return false;
    }
    return true;
}

}  // namespace tb::linear
