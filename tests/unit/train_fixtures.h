#pragma once

// The toy data the training tests share: small, separable, deterministic.
#include <string>
#include <vector>

#include "core/train/hyperparameters.h"
#include "core/train/random.h"

namespace tb::train {

struct Labelled {
    std::vector<std::string> texts;
    std::vector<int> labels;
};

// Three topics, each text a few words of its own topic among words shared by all: linearly separable
// by the topic words, but not by any single shared word.
inline Labelled toy_set(std::size_t rows, std::uint64_t seed) {
    const std::vector<std::vector<std::string>> topic = {
        {"goal", "match", "striker", "league", "referee", "stadium"},
        {"shares", "dividend", "bond", "market", "yield", "broker"},
        {"rain", "forecast", "storm", "humid", "breeze", "snow"}};
    const std::vector<std::string> shared = {"the", "a", "today", "report", "said", "new", "big", "was"};
    Rng rng(seed);
    Labelled set;
    for (std::size_t i = 0; i < rows; ++i) {
        const int label = static_cast<int>(i % 3);
        std::string text;
        const std::size_t words = 4 + rng.below(8);
        for (std::size_t w = 0; w < words; ++w) {
            if (!text.empty()) text += ' ';
            text += rng.below(3) == 0 ? topic[static_cast<std::size_t>(label)][rng.below(6)] : shared[rng.below(8)];
        }
        text += ' ' + topic[static_cast<std::size_t>(label)][rng.below(6)];
        set.texts.push_back(text);
        set.labels.push_back(label);
    }
    return set;
}

inline const std::vector<std::string> kClasses = {"sport", "finance", "weather"};

inline Hyperparameters toy_hp() {
    Hyperparameters hp;
    hp.dim = 10;
    hp.bucket = 5000;
    hp.epochs = 4;
    return hp;
}

}  // namespace tb::train
