#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/eval/candidate.h"
#include "core/prompt/checks.h"
#include "core/prompt/price_table.h"
#include "core/prompt/template.h"

namespace tb::eval {

// What asking a candidate's rows still to ask would cost, shown before anything is sent.
struct SpendEstimate {
    std::size_t rows = 0;  // rows (or, for an embeddings candidate, texts) still to ask
    std::int64_t prompt_tokens = 0;
    // Chat: each row's answer taken as the longest label's (an answer naming a class is about that long);
    // a reasoning model's hidden reasoning, billed as output, is not foreseen.
    std::int64_t completion_tokens = 0;
    bool exact = false;             // the prompt tokens were counted with the model's own tokenizer
    bool free = false;              // nobody is paid: the majority baseline, the in-browser classifier
    std::optional<double> dollars;  // USD; nothing when the model's price is not known
};

// A chat candidate: rows × (the cookbook's count of each row's messages, plus its answer) × the model's price.
// `count` is the model's tokenizer when `exact`, else an estimate.
SpendEstimate estimate_chat_spend(const Candidate& candidate, const prompt::Prompt& prompt,
                                  const std::vector<data::SplitRow>& shots, std::span<const data::SplitRow* const> rows,
                                  const std::vector<std::string>& classes, const prompt::TokenCounter& count, bool exact,
                                  const prompt::PriceTable& prices);

// The tokens of the longest answer naming a class, as the candidate is asked to write it: the label alone,
// or with structured output {"label":"…"}.
std::int64_t answer_tokens(const Candidate& candidate, const std::vector<std::string>& classes,
                           const prompt::TokenCounter& count);

// What "Run all" would cost: the sum of every estimate, and how many of them have no known price.
struct SpendTotal {
    double dollars = 0;
    std::size_t unpriced = 0;  // estimates with rows to ask and no known price, left out of `dollars`
    std::size_t rows = 0;
    bool exact = true;  // every priced estimate counted its tokens exactly
};
SpendTotal total_spend(std::span<const SpendEstimate> estimates);

// How every cost is written, before and after running: "$0.37", "$1,234.50", "$0.0042" (two significant
// digits under a cent, so cheap candidates still differ), or "price unknown".
std::string cost_text(const std::optional<double>& usd);

// "≈ $0.42 (1,234 tokens)", "about 1,234 tokens, price unknown", "free": one candidate's estimate as shown.
std::string estimate_text(const SpendEstimate& estimate);

}  // namespace tb::eval
