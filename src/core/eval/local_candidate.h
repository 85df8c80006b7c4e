#pragma once

#include <string>
#include <vector>

#include "core/linear/char_grams.h"
#include "core/data/split.h"
#include "core/eval/run.h"
#include "core/eval/local_classifier.h"
#include "core/train/model.h"

namespace tb::eval {

// The hyperparameters that make one in-browser model differ from another, for its name: "dim 50 ·
// 5 epochs · word 2-grams", then whatever differs from the defaults (learning rate, buckets, character
// n-grams, minimum count, seed).
std::string hyperparameters_label(const train::Hyperparameters& hp);

// A TF-IDF model's features in words: "words", "words and pairs", and " + characters 2–5" with character
// n-grams.
std::string linear_features_label(int ngram, linear::CharRange chars);
// The name of a TF-IDF + logistic regression model by its chosen settings: "TF-IDF + logistic regression ·
// words and pairs · C 10".
std::string linear_label(int ngram, linear::CharRange chars, double strength);

// The training rows' fingerprint: the same rows with the same labels give the same one. A model is
// scored only on a split whose training rows it learnt from, never on rows it has seen.
std::string training_fingerprint(const std::vector<data::SplitRow>& train);
// What a model trained on every labelled row outside a split's validation and test rows learnt from:
// "every-row-but-" and the fingerprint of those held-out rows. Such a model may be scored on any split
// holding out the same rows.
std::string held_out_fingerprint(const data::Split& split);
bool learnt_from_every_row(const std::string& fingerprint);

// The candidate of a model trained in the browser on rows with this fingerprint (`source` "local
// <fingerprint>"), or loaded from a file ("file <name>"); `model` is its name (hyperparameters_label,
// linear_label).
Candidate local_candidate(const std::string& model, const std::string& source);

// Answers every test row without an answer with the model's most probable class. The text is the row's
// field `text_column`.
void answer_with_model(Evaluation& evaluation, const LocalClassifier& model, const std::vector<data::SplitRow>& test,
                       int text_column);

}  // namespace tb::eval
