#pragma once

#include <string>
#include <vector>

#include "core/data/split.h"
#include "core/eval/run.h"
#include "core/train/model.h"

namespace tb::eval {

// The hyperparameters that make one in-browser model differ from another, for its name: "dim 50 ·
// 5 epochs · word 2-grams", then whatever differs from the defaults (learning rate, buckets, character
// n-grams, minimum count, seed).
std::string hyperparameters_label(const train::Hyperparameters& hp);

// The training rows' fingerprint: the same rows with the same labels give the same one. A model is
// scored only on a split whose training rows it learnt from, never on rows it has seen.
std::string training_fingerprint(const std::vector<data::SplitRow>& train);

// The candidate of a model trained in the browser on rows with this fingerprint, or loaded from a file
// (`source` "file <name>").
Candidate local_candidate(const train::Hyperparameters& hp, const std::string& source);

// Answers every test row without an answer with the model's most probable class. The text is the row's
// field `text_column`.
void answer_with_model(Evaluation& evaluation, const train::Model& model, const std::vector<data::SplitRow>& test,
                       int text_column);

}  // namespace tb::eval
