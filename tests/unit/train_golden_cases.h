#pragma once
// The cross-build check of the classifier (the issue asks for hashing that is stable across the native
// and WebAssembly builds, and the app promises that the browser trains the very model the native build
// does). This header is the one definition of the cases and of what is computed from them:
// train_golden_test.cpp (native, g++, sanitizers) and tests/wasm/train_golden.cpp (Emscripten, clang,
// SIMD128, run under node by tests/browser/train_golden.test.mjs) both compare golden() with the same
// file, train_golden_expected.json. To renew that file after a deliberate change of the model or of
// these cases, print it from either build (both must then agree with it):
//   node build/web-build/tests/train_golden.cjs > tests/unit/train_golden_expected.json
//
// Values go out as JSON numbers that JavaScript reads exactly: 32-bit hashes, row ids, and floats (a
// float widened to a double, printed to round-trip). 64-bit values are hex strings. Texts never go out
// (some are not UTF-8); every case has an ASCII name.

#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/data/hashing.h"
#include "core/train/dictionary.h"
#include "core/train/fasttext_hash.h"
#include "core/train/random.h"
#include "core/train/trainer.h"

namespace tb::train_golden {

using namespace std::string_view_literals;

struct Named {
    std::string_view name, text;
};

// fastText hashes: ASCII, multi-byte UTF-8, and bytes of 0x80 and above that are not UTF-8 (fastText
// sign-extends every byte, so all of these differ from plain FNV-1a).
inline const std::vector<Named> kHashTexts = {
    {"empty", ""},
    {"ascii_word", "credit"},
    {"end_of_sentence", "</s>"},
    {"ascii_punctuation", "XX/XX/XXXX"},
    {"utf8_two_byte", "caf\xC3\xA9"},
    {"utf8_three_byte", "\xE2\x82\xAC"},
    {"utf8_cjk", "\xE4\xB8\xAD\xE6\x96\x87"},
    {"utf8_four_byte", "\xF0\x9F\x98\x80"},
    {"lone_byte_80", "\x80"},
    {"lone_byte_ff", "\xFF"},
    {"latin1_not_utf8", "na\xEFve"},
    {"bracketed_ngram", "<ca"},
    {"inner_nul", "a\0b"sv},
};

// Word n-gram rows (the bucket of each chained hash, unknown words included) and character n-gram rows,
// from small dictionaries: the whole encode() of each text.
inline const std::vector<std::string> kDictionaryTexts = {"credit report dispute", "caf\xC3\xA9 au lait"};
inline const std::vector<Named> kEncodedTexts = {
    {"known_words", "credit report dispute"},
    {"unknown_words", "my credit report was wrong"},
    {"utf8_words", "caf\xC3\xA9 au lait \xE2\x82\xAC 5"},
    {"high_bytes", "\xFF\xFE report \x80"},
};

inline train::Hyperparameters word_ngram_dictionary() {
    train::Hyperparameters hp;
    hp.word_ngrams = 3;
    hp.bucket = 2000000;  // fastText's default, so the values are its buckets too
    return hp;
}

inline train::Hyperparameters char_ngram_dictionary() {
    train::Hyperparameters hp;
    hp.word_ngrams = 2;
    hp.minn = 2;
    hp.maxn = 4;
    hp.bucket = 100000;
    return hp;
}

// The training set, built from code with the portable generator: five topics of eight words (some
// multi-byte UTF-8, one not UTF-8) among shared words, 3 to 14 words a text, some texts of two lines.
struct Labelled {
    std::vector<std::string> texts;
    std::vector<int> labels;
};

inline const std::vector<std::string> kClasses = {"card", "loan", "mortgage", "report", "transfer"};

inline Labelled training_set() {
    const std::vector<std::vector<std::string>> topic = {
        {"card", "fee", "charged", "limit", "annual", "statement", "\xE2\x82\xAC" "50", "cashback"},
        {"loan", "student", "payment", "interest", "servicer", "forbearance", "pr\xC3\xAAt", "default"},
        {"mortgage", "escrow", "foreclosure", "house", "appraisal", "refinance", "h\xC3\xB4tel", "closing"},
        {"report", "bureau", "dispute", "inaccurate", "score", "inquiry", "\xE4\xBF\xA1\xE7\x94\xA8", "identity"},
        {"transfer", "wire", "zelle", "sent", "recipient", "fraud", "virement", "na\xEFve"}};
    const std::vector<std::string> shared = {"the", "my", "bank", "XX/XX/XXXX", "was", "caf\xC3\xA9",
                                             "called", "never", "they", "account", "\xF0\x9F\x98\xA1"};
    train::Rng rng(2024);
    Labelled set;
    for (std::size_t i = 0; i < 400; ++i) {
        const auto label = static_cast<std::size_t>(rng.below(kClasses.size()));
        std::string text;
        const std::uint64_t words = 3 + rng.below(12);
        for (std::uint64_t w = 0; w < words; ++w) {
            if (w > 0) text += rng.below(9) == 0 ? '\n' : ' ';
            text += rng.below(5) < 2 ? topic[label][rng.below(8)] : shared[rng.below(shared.size())];
        }
        set.texts.push_back(std::move(text));
        set.labels.push_back(static_cast<int>(label));
    }
    return set;
}

// Two runs: word bigrams only (the app's defaults, smaller), and character n-grams as well, with
// min_count 2 so that rare words are read through their n-grams alone (and a higher rate and more
// epochs: a text's mean over its many n-gram rows learns slowly). Both end well trained, so the checked
// weights are far from their initial values. dim 20 leaves a tail after the dot product's eight lanes.
struct Run {
    std::string_view name;
    train::Hyperparameters hp;
};

inline std::vector<Run> runs() {
    train::Hyperparameters words;
    words.dim = 20;
    words.lr = 0.5;
    words.epochs = 5;
    words.word_ngrams = 2;
    words.bucket = 10007;
    words.seed = 42;
    train::Hyperparameters chars = words;
    chars.lr = 1.0;
    chars.epochs = 10;
    chars.min_count = 2;
    chars.minn = 2;
    chars.maxn = 4;
    chars.seed = 3;
    return {{"word_bigrams", words}, {"char_ngrams", chars}};
}

// Texts the trained models predict: seen, unseen, empty, multi-byte and not UTF-8.
inline const std::vector<Named> kProbeTexts = {
    {"card_words", "annual fee charged on my card"},
    {"mixed_topics", "wire transfer for the mortgage escrow"},
    {"unseen_words", "completely unrelated vocabulary here"},
    {"empty", ""},
    {"utf8", "\xE4\xBF\xA1\xE7\x94\xA8 caf\xC3\xA9 pr\xC3\xAAt \xF0\x9F\x98\xA1"},
    {"high_bytes", "na\xEFve \xFF"},
};

inline std::string hex64(std::uint64_t value) {
    char out[19];
    std::snprintf(out, sizeof out, "0x%016llx", static_cast<unsigned long long>(value));
    return out;
}

template <typename T>
std::string hash_of(std::span<const T> values) {
    return hex64(data::hash_text(std::string_view(reinterpret_cast<const char*>(values.data()), values.size_bytes())));
}

inline nlohmann::json encoded_rows(const train::Hyperparameters& hp) {
    const train::Dictionary dictionary = train::Dictionary::build(kDictionaryTexts, {"x"}, hp);
    nlohmann::json rows = nlohmann::json::object();
    for (const auto& [name, text] : kEncodedTexts) rows[std::string(name)] = dictionary.encode(text);
    return rows;
}

// Trains as the app does, in slices (the result must not depend on them; 97 ends none at a phase's end).
inline nlohmann::json trained(const Labelled& set, const train::Hyperparameters& hp) {
    train::Trainer trainer(set.texts, set.labels, kClasses, hp);
    while (!trainer.done()) trainer.step(97);
    nlohmann::json out;
    out["error"] = trainer.error();
    const train::Model& model = trainer.model();
    out["words"] = model.dictionary().word_count();
    out["input_rows"] = model.dictionary().input_rows();
    out["train_loss"] = trainer.average_loss();
    // Separate hashes of the two weight tables say which one differs; the blob's covers everything.
    out["input_weights_hash"] = hash_of(model.input_weights());
    out["output_weights_hash"] = hash_of(model.output_weights());
    const std::vector<std::uint8_t> blob = model.save();
    out["blob_bytes"] = blob.size();
    out["blob_hash"] = hash_of(std::span<const std::uint8_t>(blob));
    nlohmann::json predictions = nlohmann::json::object();
    for (const auto& [name, text] : kProbeTexts) {
        predictions[std::string(name)] = {{"label", model.predict_label(text)}, {"probabilities", model.predict(text)}};
    }
    out["predictions"] = std::move(predictions);
    return out;
}

inline nlohmann::json golden() {
    nlohmann::json out;
    nlohmann::json hashes = nlohmann::json::object();
    for (const auto& [name, text] : kHashTexts) hashes[std::string(name)] = train::fasttext_hash(text);
    out["hashes"] = std::move(hashes);
    out["word_ngram_rows"] = encoded_rows(word_ngram_dictionary());
    out["char_ngram_rows"] = encoded_rows(char_ngram_dictionary());
    const Labelled set = training_set();
    nlohmann::json models = nlohmann::json::object();
    for (const auto& [name, hp] : runs()) models[std::string(name)] = trained(set, hp);
    out["models"] = std::move(models);
    return out;
}

}  // namespace tb::train_golden
