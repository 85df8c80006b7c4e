#include "core/train/dictionary.h"

#include <utility>

#include "core/text/utf8.h"
#include "core/train/bytes.h"
#include "core/train/dictionary_builder.h"
#include "core/train/fasttext_hash.h"
#include "core/train/tokens.h"

namespace tb::train {

void Dictionary::set_options(const Hyperparameters& hp) {
    word_ngrams_ = hp.word_ngrams;
    minn_ = hp.minn;
    maxn_ = hp.maxn;
    bucket_ = effective_bucket(hp);
}

Dictionary Dictionary::build(std::span<const std::string> texts, std::vector<std::string> labels,
                             const Hyperparameters& hp, EncodedTexts* encoded) {
    DictionaryBuilder builder(hp);
    builder.reserve(texts);
    for (const auto& text : texts) builder.add(text);
    Dictionary dictionary = builder.finish(std::move(labels));
    if (encoded != nullptr) {
        *encoded = EncodedTexts{};
        builder.reserve_encoded(*encoded);
        for (std::size_t i = 0; i < texts.size(); ++i) builder.encode(i, *encoded);
    }
    return dictionary;
}

void Dictionary::init_subwords() {
    subwords_.clear();
    subword_starts_.clear();
    if (maxn_ <= 0) return;
    subword_starts_.reserve(counts_.size() + 1);
    for (std::int32_t id = 0; id < word_count(); ++id) {
        subword_starts_.push_back(subwords_.size());
        subwords_.push_back(id);
        if (word(id) != kEndOfSentence) append_char_ngram_rows(word(id), subwords_);
    }
    subword_starts_.push_back(subwords_.size());
}

void Dictionary::append_char_ngram_rows(std::string_view word, std::vector<std::int32_t>& rows) const {
    std::string bracketed;
    bracketed.reserve(word.size() + 2);
    bracketed.append("<").append(word).append(">");
    const auto buckets = static_cast<std::uint32_t>(bucket_);
    for_each_char_ngram(bracketed, minn_, maxn_, [&](std::string_view ngram) {
        rows.push_back(word_count() + static_cast<std::int32_t>(fasttext_hash(ngram) % buckets));
    });
}

void Dictionary::append_word_rows(std::int32_t id, std::string_view token, std::vector<std::int32_t>& rows) const {
    if (id < 0) {
        if (maxn_ > 0 && token != kEndOfSentence) append_char_ngram_rows(token, rows);
    } else if (maxn_ <= 0) {
        rows.push_back(id);
    } else {
        const auto at = static_cast<std::size_t>(id);
        rows.insert(rows.end(), subwords_.begin() + static_cast<std::ptrdiff_t>(subword_starts_[at]),
                    subwords_.begin() + static_cast<std::ptrdiff_t>(subword_starts_[at + 1]));
    }
}

void Dictionary::append_word_ngram_rows(std::span<const std::uint32_t> hashes, std::vector<std::int32_t>& rows) const {
    if (word_ngrams_ <= 1) return;
    const auto buckets = static_cast<std::uint64_t>(bucket_);
    const auto n = static_cast<std::size_t>(word_ngrams_);
    for (std::size_t i = 0; i < hashes.size(); ++i) {
        std::uint64_t h = widen_token_hash(hashes[i]);
        for (std::size_t j = i + 1; j < hashes.size() && j < i + n; ++j) {
            h = chain_word_hash(h, hashes[j]);
            rows.push_back(word_count() + static_cast<std::int32_t>(h % buckets));
        }
    }
}

void Dictionary::encode(std::string_view text, std::vector<std::int32_t>& rows) const {
    rows.clear();
    std::vector<std::uint32_t> hashes;
    for_each_token(text, [&](std::string_view token) {
        const std::uint32_t h = fasttext_hash(token);
        append_word_rows(index_.find(token, h), token, rows);
        hashes.push_back(h);
    });
    append_word_ngram_rows(hashes, rows);
}

std::vector<std::int32_t> Dictionary::encode(std::string_view text) const {
    std::vector<std::int32_t> rows;
    encode(text, rows);
    return rows;
}

std::int32_t Dictionary::find(std::string_view word) const { return index_.find(word, fasttext_hash(word)); }

void Dictionary::write(ByteWriter& out) const {
    out.u64(static_cast<std::uint64_t>(tokens_));
    out.u32(static_cast<std::uint32_t>(labels_.size()));
    for (const auto& label : labels_) out.string(label);
    out.u32(static_cast<std::uint32_t>(counts_.size()));
    for (std::int32_t id = 0; id < word_count(); ++id) {
        out.string(word(id));
        out.u64(static_cast<std::uint64_t>(occurrences(id)));
    }
}

std::optional<Dictionary> Dictionary::read(ByteReader& in, const Hyperparameters& hp, std::string* error) {
    const auto fail = [&](std::string why) -> std::optional<Dictionary> {
        if (error != nullptr) *error = std::move(why);
        return std::nullopt;
    };
    Dictionary dictionary;
    dictionary.set_options(hp);
    std::uint64_t tokens = 0;
    std::uint32_t labels = 0;
    if (!in.u64(tokens) || !in.u32(labels)) return fail("truncated in the dictionary's header");
    // Each entry takes at least 4 bytes: a count beyond what is left is corruption, not a reason to
    // reserve gigabytes.
    if (labels == 0 || labels > in.remaining() / 4) return fail("impossible number of labels");
    dictionary.tokens_ = static_cast<std::int64_t>(tokens);
    dictionary.labels_.resize(labels);
    for (auto& label : dictionary.labels_) {
        if (!in.string(label)) return fail("truncated in the labels");
        // Labels are shown, compared with the split's and saved: a file's bytes must be text.
        if (text::valid_utf8_prefix(label) != label.size()) return fail("a label that is not UTF-8 text");
    }
    std::uint32_t words = 0;
    if (!in.u32(words)) return fail("truncated in the dictionary's header");
    if (words > in.remaining() / 12 || words > 0x7FFFFFFFu - static_cast<std::uint32_t>(dictionary.bucket_)) {
        return fail("impossible number of words");
    }
    dictionary.index_.reserve(words);
    dictionary.counts_.reserve(words);
    std::string word;
    for (std::uint32_t i = 0; i < words; ++i) {
        std::uint64_t count = 0;
        if (!in.string(word) || !in.u64(count)) return fail("truncated in the words");
        if (word.empty()) return fail("an empty word");
        if (text::valid_utf8_prefix(word) != word.size()) return fail("a word that is not UTF-8 text");
        const std::int32_t id = dictionary.index_.insert(word, fasttext_hash(word));
        if (static_cast<std::uint32_t>(id) != i) return fail("the word \"" + text::excerpt(word, 60) + "\" twice");
        dictionary.counts_.push_back(static_cast<std::int64_t>(count));
    }
    dictionary.init_subwords();
    return dictionary;
}

}  // namespace tb::train
