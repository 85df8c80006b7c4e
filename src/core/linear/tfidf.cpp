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

namespace {

// 1 + ln count, the sublinear term frequency: the portable log, so the native and the WebAssembly builds
// give the very same rows, taken once per count up to kCounts (nearly every count: a word seldom comes
// more than a few dozen times in a text) rather than once per term of every row.
constexpr std::size_t kCounts = 256;

double sublinear_tf(std::size_t count) {
    static const std::vector<double> table = [] {
        std::vector<double> out(kCounts);
        for (std::size_t c = 1; c < kCounts; ++c) out[c] = 1.0 + train::portable_log(static_cast<double>(c));
        return out;
    }();
    return count < kCounts ? table[count] : 1.0 + train::portable_log(static_cast<double>(count));
}

// Appends a block of a row: for_each_counted(emit) calls emit(column, count) for each distinct column in
// ascending order; each is valued sublinear tf × idf, the block scaled to unit norm. Both ways of
// counting (sorting, or a count per column) end here, so their rows are the very same.
template <typename ForEachCounted>
void append_block(ForEachCounted&& for_each_counted, std::span<const float> idf, std::vector<std::int32_t>& columns,
                  std::vector<float>& values) {
    const std::size_t first = values.size();
    double squares = 0;
    for_each_counted([&](std::int32_t column, std::size_t count) {
        const double value = sublinear_tf(count) * idf[static_cast<std::size_t>(column)];
        columns.push_back(column);
        values.push_back(static_cast<float>(value));
        squares += value * value;
    });
    if (squares > 0) {
        const double scale = 1.0 / std::sqrt(squares);
        for (std::size_t i = first; i < values.size(); ++i) values[i] = static_cast<float>(values[i] * scale);
    }
}

// The block of the columns found, counted in `counts` (indexed by column, all zero before and after):
// only the distinct columns are sorted, far fewer than the words of a long text.
void append_counted_block(std::vector<std::int32_t>& found, std::vector<std::uint32_t>& counts, std::span<const float> idf,
                          std::vector<std::int32_t>& columns, std::vector<float>& values) {
    std::size_t distinct = 0;
    for (const std::int32_t column : found) {
        if (counts[static_cast<std::size_t>(column)]++ == 0) found[distinct++] = column;
    }
    found.resize(distinct);
    std::sort(found.begin(), found.end());
    append_block(
        [&](auto emit) {
            for (const std::int32_t column : found) {
                std::uint32_t& count = counts[static_cast<std::size_t>(column)];
                emit(column, count);
                count = 0;
            }
        },
        idf, columns, values);
}

}  // namespace

void append_tfidf_row(std::vector<std::int32_t>& term_columns, std::span<const float> idf, std::vector<std::int32_t>& columns,
                      std::vector<float>& values) {
    std::sort(term_columns.begin(), term_columns.end());
    append_block(
        [&](auto emit) {
            for (std::size_t i = 0; i < term_columns.size();) {
                std::size_t j = i;
                while (j < term_columns.size() && term_columns[j] == term_columns[i]) ++j;
                emit(term_columns[i], j - i);
                i = j;
            }
        },
        idf, columns, values);
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

bool Tfidf::index() {
    const bool words = words_.build(terms_, 0, word_width_);
    const bool grams = grams_.build(terms_, word_width_, terms_.size());
    return words && grams;
}

void Tfidf::transform(std::string_view text, std::vector<std::int32_t>& columns, std::vector<float>& values) const {
    Scratch scratch;
    transform(text, columns, values, scratch);
}

void Tfidf::transform(std::string_view text, std::vector<std::int32_t>& columns, std::vector<float>& values,
                      Scratch& scratch) const {
    std::vector<std::int32_t>& found = scratch.found;
    found.clear();
    scratch.counts.resize(terms_.size());
    columns.clear();
    values.clear();
    bool has_previous = false;
    for_each_word(text, scratch.word, [&](std::string_view w) {
        if (const std::int32_t column = words_.find(w, terms_); column >= 0) found.push_back(column);
        if (max_ngram_ >= 2) {
            if (has_previous) {
                scratch.pair.assign(scratch.previous).append(" ").append(w);
                if (const std::int32_t column = words_.find(scratch.pair, terms_); column >= 0) found.push_back(column);
            }
            scratch.previous.assign(w);
            has_previous = true;
        }
    });
    append_counted_block(found, scratch.counts, idf_, columns, values);
    if (!chars_.on()) return;
    found.clear();
    for_each_piece(text, scratch.word, [&](std::string_view piece) {
        for_each_piece_gram(piece, chars_, scratch.padded, scratch.starts, [&](std::string_view gram) {
            if (const std::int32_t column = grams_.find(gram, terms_); column >= 0) found.push_back(column);
        });
    });
    append_counted_block(found, scratch.counts, idf_, columns, values);
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
    if (!index()) {
        error = "a term appears twice";
        return false;
    }
    return true;
}

}  // namespace tb::linear
