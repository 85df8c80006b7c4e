#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/api/fine_tuning.h"
#include "core/prompt/checks.h"
#include "core/prompt/price_table.h"

namespace tb::prompt {

// The cookbook's rule for "auto" epochs (its constants, its integer divisions).
inline constexpr std::size_t kTargetEpochs = 3;
inline constexpr std::size_t kMinTargetExamples = 100;
inline constexpr std::size_t kMaxTargetExamples = 25000;
inline constexpr std::size_t kMinDefaultEpochs = 1;
inline constexpr std::size_t kMaxDefaultEpochs = 25;

// 3, or min(25, 100 // n) when n·3 < 100, or max(1, 25000 // n) when n·3 > 25000. 0 for no examples.
std::size_t default_epochs(std::size_t examples);

struct CostEstimate {
    std::size_t epochs = 0;
    bool auto_epochs = true;
    std::size_t examples = 0;
    std::uint64_t tokens_per_epoch = 0;  // each example's tokens, capped at the model's limit
    std::uint64_t billed_tokens = 0;     // tokens_per_epoch × epochs
    std::size_t capped_examples = 0;     // examples billed at the cap rather than their length
    std::size_t token_cap = 0;           // 0: the model's limit is not known, nothing capped
    std::optional<double> dollars;       // nothing when the price is not known
    double price_per_million = 0;
    bool price_verified = false;
    std::string as_of;
    // For the confirm step: "3 epochs × 41,230 tokens = 123,690 billed tokens ≈ $0.37 at $3.00 / 1M
    // (prices as of 2026-11-01)".
    std::string statement;
};

// Before anything is sent: what training on examples of these token counts would bill. `price` may be
// null (a model the table does not know): the tokens are still estimated. Validation examples are not
// counted, as in the cookbook.
CostEstimate estimate_cost(std::span<const std::size_t> example_tokens, const api::Hyperparameters& hyperparameters,
                           const ModelEntry* price);
inline CostEstimate estimate_cost(const CheckReport& training_file, const api::Hyperparameters& hyperparameters,
                                  const ModelEntry* price) {
    return estimate_cost(training_file.example_tokens, hyperparameters, price);
}

// "$0.37", "$1,234.50", "< $0.01".
std::string format_dollars(double dollars);

}  // namespace tb::prompt
