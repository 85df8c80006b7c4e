#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/split.h"
#include "core/prompt/template.h"

namespace tb::eval {

// How a candidate answers: a chat model asked with the prompt alone or with examples first, the
// classifier trained in the browser (local_candidate.h), a logistic regression trained in the browser on a
// provider's embeddings of the texts (workflow/embed_state.h), or no model at all (the majority-class
// baseline, which every model must beat to be worth anything).
enum class Method { ZeroShot, FewShot, Majority, Local, Embeddings };

// One thing to score on the test rows. A chat candidate keeps the prompt it was added with: answers to
// one prompt say nothing of another, so editing the prompt later makes a new candidate, not a mixed one.
struct Candidate {
    Method method = Method::ZeroShot;
    std::string profile;  // provider profile id; empty for the baseline
    std::string model;
    int shots = 0;                // few-shot: examples per class
    std::uint64_t shot_seed = 0;  // few-shot: which training rows are the examples
    bool structured = false;      // asked through a JSON schema whose enum is the labels
    int dimensions = 0;           // embeddings: the length asked for (OpenAI's text-embedding-3); 0: the model's own
    // Embeddings: its classifier learns from every labelled row of the file outside the split's validation
    // and test rows, not only the split's training rows.
    bool all_rows = false;
    // Where the model came from: "job ftjob-abc", "local <training rows' fingerprint>", "file <name>";
    // empty for base models.
    std::string source;
    prompt::PromptSettings prompt;
};

// Whether its test rows are asked of a chat model (zero- and few-shot), one request a row.
inline bool asks_chat(Method method) { return method == Method::ZeroShot || method == Method::FewShot; }

// The stable key of a candidate: equal for candidates that would be asked the same things.
std::string candidate_id(const Candidate& candidate);
// What people read: "gpt-4o-mini · 3-shot (openai)", "Majority class", "text-embedding-3-small + logistic
// regression (openai)".
std::string candidate_name(const Candidate& candidate);
std::string_view method_key(Method method);  // "zero_shot", "few_shot", "majority", "local", "embeddings"
bool method_from_key(std::string_view key, Method& method);

// The few-shot examples: `per_class` training rows of each class, chosen by `seed`, in an order that
// mixes the classes (a run of one class last would tilt the answer towards it).
std::vector<data::SplitRow> pick_shots(const std::vector<data::SplitRow>& train,
                                       const std::vector<std::string>& classes, int per_class,
                                       std::uint64_t seed);

// The most frequent training label; ties go to the class listed first.
std::string majority_label(const std::vector<data::SplitRow>& train, const std::vector<std::string>& classes);

}  // namespace tb::eval
