#include "core/prompt/cost.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/text/format.h"

namespace tb::prompt {

std::size_t default_epochs(std::size_t examples) {
    if (examples == 0) return 0;
    if (examples * kTargetEpochs < kMinTargetExamples) {
        return std::min(kMaxDefaultEpochs, kMinTargetExamples / examples);
    }
    if (examples * kTargetEpochs > kMaxTargetExamples) {
        return std::max(kMinDefaultEpochs, kMaxTargetExamples / examples);
    }
    return kTargetEpochs;
}

std::string format_dollars(double dollars) {
    if (dollars > 0 && dollars < 0.005) return "< $0.01";
    const double cents_total = std::round(dollars * 100.0);
    const auto whole = static_cast<std::uint64_t>(cents_total / 100.0);
    const auto cents = static_cast<unsigned>(cents_total - static_cast<double>(whole) * 100.0);
    char tail[8];
    std::snprintf(tail, sizeof tail, ".%02u", cents);
    // Appended to rather than "$" + …: g++ 12 at -O3 warns (-Wrestrict) about the inserted copy.
    std::string out = "$";
    out += text::with_commas(whole);
    out += tail;
    return out;
}

CostEstimate estimate_cost(std::span<const std::size_t> example_tokens, const api::Hyperparameters& hyperparameters,
                           const ModelEntry* price) {
    CostEstimate estimate;
    estimate.examples = example_tokens.size();
    estimate.token_cap = price ? price->max_tokens_per_example : 0;
    for (std::size_t tokens : example_tokens) {
        if (estimate.token_cap > 0 && tokens > estimate.token_cap) {
            ++estimate.capped_examples;
            tokens = estimate.token_cap;
        }
        estimate.tokens_per_epoch += tokens;
    }
    if (hyperparameters.n_epochs) {
        estimate.auto_epochs = false;
        estimate.epochs = static_cast<std::size_t>(std::max(1.0, std::round(*hyperparameters.n_epochs)));
    } else {
        estimate.epochs = default_epochs(estimate.examples);
    }
    estimate.billed_tokens = estimate.tokens_per_epoch * estimate.epochs;

    std::string& s = estimate.statement;
    s = text::with_commas(estimate.epochs) + (estimate.epochs == 1 ? " epoch" : " epochs");
    if (estimate.auto_epochs) s += " (auto)";
    s += " × " + text::with_commas(estimate.tokens_per_epoch) + " tokens = " + text::with_commas(estimate.billed_tokens) +
         " billed tokens";
    if (price && price->training_per_million) {
        estimate.price_per_million = *price->training_per_million;
        estimate.price_verified = price->price_verified;
        estimate.as_of = price->as_of;
        estimate.dollars = static_cast<double>(estimate.billed_tokens) * estimate.price_per_million / 1e6;
        s += " ≈ " + format_dollars(*estimate.dollars) + " at " + format_dollars(estimate.price_per_million) +
             " / 1M (prices as of " + estimate.as_of + (estimate.price_verified ? ")" : ", unverified)");
    } else if (price) {
        s += " (no known price for " + price->model + ")";
    } else {
        s += " (no known price for this model)";
    }
    return estimate;
}

}  // namespace tb::prompt
