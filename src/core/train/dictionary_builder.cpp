#include "core/train/dictionary_builder.h"

#include <algorithm>

#include "core/train/fasttext_hash.h"
#include "core/train/tokens.h"

namespace tb::train {

void DictionaryBuilder::reserve(std::span<const std::string> texts) {
    std::size_t bytes = 0;
    for (const auto& text : texts) bytes += text.size();
    // About one token per five bytes of English; a guess that saves most reallocations.
    token_ids_.reserve(bytes / 5 + texts.size());
    token_starts_.reserve(texts.size());
}

void DictionaryBuilder::add(std::string_view text) {
    token_starts_.push_back(token_ids_.size());
    for_each_token(text, [&](std::string_view token) {
        const std::int32_t id = seen_.insert(token, fasttext_hash(token));
        if (static_cast<std::size_t>(id) == counts_.size()) counts_.push_back(0);
        ++counts_[static_cast<std::size_t>(id)];
        token_ids_.push_back(id);
    });
}

Dictionary DictionaryBuilder::finish(std::vector<std::string> labels) {
    Dictionary& dictionary = dictionary_;
    dictionary.set_options(hp_);
    dictionary.labels_ = std::move(labels);
    // fastText counts each line's label token too.
    dictionary.tokens_ = static_cast<std::int64_t>(token_ids_.size() + token_starts_.size());

    std::vector<std::int32_t> kept;
    for (std::size_t id = 0; id < counts_.size(); ++id) {
        if (counts_[id] >= hp_.min_count) kept.push_back(static_cast<std::int32_t>(id));
    }
    std::stable_sort(kept.begin(), kept.end(), [&](std::int32_t a, std::int32_t b) {
        return counts_[static_cast<std::size_t>(a)] > counts_[static_cast<std::size_t>(b)];
    });
    final_id_.assign(seen_.size(), -1);
    dictionary.index_.reserve(kept.size());
    dictionary.counts_.reserve(kept.size());
    for (const std::int32_t id : kept) {
        final_id_[static_cast<std::size_t>(id)] = dictionary.index_.insert(seen_.word(id), seen_.hash(id));
        dictionary.counts_.push_back(counts_[static_cast<std::size_t>(id)]);
    }
    dictionary.init_subwords();
    return dictionary;
}

void DictionaryBuilder::reserve_encoded(EncodedTexts& encoded) const {
    encoded.rows.reserve(token_ids_.size() * static_cast<std::size_t>(hp_.word_ngrams));
    encoded.starts.reserve(token_starts_.size() + 1);
    encoded.tokens.reserve(token_starts_.size());
}

void DictionaryBuilder::encode(std::size_t i, EncodedTexts& encoded) {
    const std::size_t end = i + 1 < token_starts_.size() ? token_starts_[i + 1] : token_ids_.size();
    hashes_.clear();
    for (std::size_t t = token_starts_[i]; t < end; ++t) {
        const std::int32_t id = token_ids_[t];
        dictionary_.append_word_rows(final_id_[static_cast<std::size_t>(id)], seen_.word(id), encoded.rows);
        hashes_.push_back(seen_.hash(id));
    }
    dictionary_.append_word_ngram_rows(hashes_, encoded.rows);
    encoded.starts.push_back(encoded.rows.size());
    encoded.tokens.push_back(static_cast<std::uint32_t>(hashes_.size() + 1));  // and the label
}

}  // namespace tb::train
