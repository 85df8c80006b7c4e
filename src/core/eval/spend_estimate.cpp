#include "core/eval/spend_estimate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/eval/run.h"
#include "core/prompt/cost.h"
#include "core/text/format.h"

namespace tb::eval {

std::int64_t answer_tokens(const Candidate& candidate, const std::vector<std::string>& classes,
                           const prompt::TokenCounter& count) {
    std::int64_t longest = 0;
    for (const std::string& label : classes) {
        // As the schema makes the model write it (no spaces: what OpenAI's structured output returns).
        const std::string answer = candidate.structured ? nlohmann::json{{"label", label}}.dump() : label;
        longest = std::max(longest, static_cast<std::int64_t>(count(answer)));
    }
    return longest;
}

SpendEstimate estimate_chat_spend(const Candidate& candidate, const prompt::Prompt& prompt,
                                  const std::vector<data::SplitRow>& shots, std::span<const data::SplitRow* const> rows,
                                  const std::vector<std::string>& classes, const prompt::TokenCounter& count, bool exact,
                                  const prompt::PriceTable& prices) {
    SpendEstimate estimate;
    estimate.rows = rows.size();
    estimate.exact = exact;
    for (const data::SplitRow* row : rows) {
        const api::ChatCall call = chat_call(candidate, prompt, shots, *row, classes);
        estimate.prompt_tokens += static_cast<std::int64_t>(prompt::count_chat_tokens(call.messages, count));
    }
    estimate.completion_tokens = static_cast<std::int64_t>(rows.size()) * answer_tokens(candidate, classes, count);
    estimate.dollars = prices.chat_cost(candidate.profile, candidate.model, estimate.prompt_tokens, estimate.completion_tokens);
    return estimate;
}

SpendTotal total_spend(std::span<const SpendEstimate> estimates) {
    SpendTotal total;
    for (const SpendEstimate& e : estimates) {
        if (e.free || e.rows == 0) continue;
        total.rows += e.rows;
        if (!e.dollars) {
            ++total.unpriced;
            continue;
        }
        total.dollars += *e.dollars;
        total.exact = total.exact && e.exact;
    }
    return total;
}

std::string cost_text(const std::optional<double>& usd) {
    if (!usd) return "price unknown";
    const double dollars = *usd;
    if (dollars > 0 && dollars < 0.00995) {
        // Two significant digits: 0.0042 → 4 decimals, 0.00042 → 5.
        const int decimals = 1 - static_cast<int>(std::floor(std::log10(dollars)));
        char text[32];
        std::snprintf(text, sizeof text, "$%.*f", std::min(decimals, 8), dollars);
        return text;
    }
    return prompt::format_dollars(dollars);
}

std::string estimate_text(const SpendEstimate& estimate) {
    if (estimate.free) return "free";
    const std::string tokens = (estimate.exact ? "" : "about ") +
                               text::with_commas(static_cast<std::uint64_t>(estimate.prompt_tokens + estimate.completion_tokens)) +
                               " tokens";
    if (!estimate.dollars) return tokens + ", price unknown";
    return "≈ " + cost_text(estimate.dollars) + " (" + tokens + ")";
}

}  // namespace tb::eval
