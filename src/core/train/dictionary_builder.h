#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/train/dictionary.h"
#include "core/train/hyperparameters.h"
#include "core/train/word_index.h"

namespace tb::train {

// Dictionary::build a text at a time, so a trainer can spread it over frames: add() every text, then
// finish(), then encode() each text. The bytes are read once: add() keeps every token as a provisional
// id (in order of first appearance) with its hash, from which encode() makes the rows.
class DictionaryBuilder {
public:
    explicit DictionaryBuilder(const Hyperparameters& hp) : hp_(hp) {}

    void reserve(std::span<const std::string> texts);
    void add(std::string_view text);
    std::size_t texts() const { return token_starts_.size(); }

    // The dictionary of the texts added (see Dictionary::build); call once, after the last add().
    Dictionary finish(std::vector<std::string> labels);
    // Appends text i's rows (i in the order added) to `encoded`; after finish().
    void encode(std::size_t i, EncodedTexts& encoded);
    void reserve_encoded(EncodedTexts& encoded) const;

private:
    Hyperparameters hp_;
    WordIndex seen_;
    std::vector<std::int64_t> counts_;
    std::vector<std::int32_t> token_ids_;   // every text's tokens as provisional ids, back to back
    std::vector<std::size_t> token_starts_;  // text i's start in token_ids_
    std::vector<std::int32_t> final_id_;    // provisional id -> dictionary id, or -1
    std::vector<std::uint32_t> hashes_;     // encode()'s scratch
    Dictionary dictionary_;                 // a copy of finish()'s result, for encode()
};

}  // namespace tb::train
