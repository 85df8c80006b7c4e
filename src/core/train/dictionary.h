#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/train/hyperparameters.h"
#include "core/train/word_index.h"

namespace tb::train {

class ByteReader;
class ByteWriter;

// Every text of a training set as input rows, back to back: built once, replayed every epoch, so
// training never reads the text again (fastText re-reads and re-hashes its file each epoch).
struct EncodedTexts {
    std::vector<std::int32_t> rows;
    std::vector<std::size_t> starts = {0};  // text i: rows[starts[i], starts[i + 1])
    // Text i's tokens as fastText counts them for the learning-rate schedule: its words and "</s>"
    // tokens, plus the label token that fastText reads on the same line.
    std::vector<std::uint32_t> tokens;

    std::size_t size() const { return tokens.size(); }
    std::span<const std::int32_t> of(std::size_t i) const {
        return std::span<const std::int32_t>(rows).subspan(starts[i], starts[i + 1] - starts[i]);
    }
};

// fastText's dictionary for supervised training: the words of the training texts with their counts,
// the class labels, and the hashed rows of word and character n-grams. Input row ids: words first
// (0 .. word_count - 1), then the buckets (word_count .. word_count + bucket - 1).
class Dictionary {
public:
    Dictionary() = default;

    // Counts the words of `texts` (tokens as tokens.h reads them) and keeps those seen at least
    // hp.min_count times, most frequent first, ties in order of first appearance (fastText leaves ties
    // to std::sort). When `encoded` is given, fills it with every text's rows from the same pass.
    // DictionaryBuilder does the same a text at a time.
    static Dictionary build(std::span<const std::string> texts, std::vector<std::string> labels,
                            const Hyperparameters& hp, EncodedTexts* encoded = nullptr);

    // The input rows of `text`, in fastText's order (Dictionary::getLine): for each token its word's row
    // (followed by its character n-grams' rows when maxn > 0; an unknown word has only those), then
    // one row per word n-gram of 2 .. word_ngrams consecutive tokens, unknown words included.
    void encode(std::string_view text, std::vector<std::int32_t>& rows) const;
    std::vector<std::int32_t> encode(std::string_view text) const;

    std::int32_t word_count() const { return static_cast<std::int32_t>(counts_.size()); }
    std::int32_t bucket() const { return bucket_; }
    std::int32_t input_rows() const { return word_count() + bucket_; }
    std::int32_t find(std::string_view word) const;  // a word's row, or -1
    const std::string& word(std::int32_t id) const { return index_.word(id); }
    std::int64_t occurrences(std::int32_t id) const { return counts_[static_cast<std::size_t>(id)]; }
    const std::vector<std::string>& labels() const { return labels_; }
    std::int64_t training_tokens() const { return tokens_; }  // every token read while building

    // The model blob's dictionary section; the n-gram settings come from the hyperparameters beside it.
    void write(ByteWriter& out) const;
    static std::optional<Dictionary> read(ByteReader& in, const Hyperparameters& hp, std::string* error);

private:
    friend class DictionaryBuilder;
    void set_options(const Hyperparameters& hp);
    void init_subwords();
    void append_word_rows(std::int32_t id, std::string_view token, std::vector<std::int32_t>& rows) const;
    void append_char_ngram_rows(std::string_view word, std::vector<std::int32_t>& rows) const;
    void append_word_ngram_rows(std::span<const std::uint32_t> hashes, std::vector<std::int32_t>& rows) const;

    WordIndex index_;
    std::vector<std::int64_t> counts_;
    std::vector<std::string> labels_;
    std::int64_t tokens_ = 0;
    // With maxn > 0, word i's rows: itself then its character n-grams, subwords_[subword_starts_[i] ..].
    std::vector<std::int32_t> subwords_;
    std::vector<std::size_t> subword_starts_;
    int word_ngrams_ = 1, minn_ = 0, maxn_ = 0;
    std::int32_t bucket_ = 0;
};

}  // namespace tb::train
