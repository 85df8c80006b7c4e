#include "core/workflow/spend_estimates.h"

#include <limits>

#include "core/text/format.h"
#include "core/workflow/chat_asking.h"
#include "core/tokens/encoding.h"

namespace tb::workflow {

namespace {

using nlohmann::json;

// Whether `e` has rows still to answer; a running candidate is paying already, so it is not estimated.
bool waits_to_run(const EvalState& eval, const eval::Evaluation& e, const std::vector<data::SplitRow>& test) {
    return e.phase != eval::Phase::Running && !eval::finished(e, eval.rows_for(e, test));
}

std::optional<eval::SpendEstimate> embeddings_estimate(const State& state, const eval::Candidate& candidate) {
    const auto found = state.embed.spaces.find(vector_space(state, candidate).key());
    if (found == state.embed.spaces.end() || found->second.cache == SpaceVectors::Cache::Reading ||
        found->second.cache == SpaceVectors::Cache::Unread) {
        return std::nullopt;  // what the browser keeps is not known yet: any figure could be paid twice over
    }
    const SpaceVectors& vectors = found->second;
    const int rows = candidate.all_rows ? 1 : 0;
    eval::SpendEstimate estimate;
    estimate.rows = vectors.to_ask[rows];
    estimate.prompt_tokens = vectors.tokens_to_ask[rows];
    estimate.exact = vectors.tokens_exact;
    estimate.dollars = vectors.cost_to_ask[rows];
    return estimate;
}

}  // namespace

void estimate_spending(State& state, const ExactCounter& exact, const prompt::PriceTable& prices) {
    EvalState& eval = state.eval;
    eval.estimates.clear();
    if (!state.data.dataset || state.data.dataset->split.test.empty()) return;
    const data::Split& split = state.data.dataset->split;
    for (const eval::Evaluation& e : eval.evaluations) {
        if (!waits_to_run(eval, e, split.test)) continue;
        switch (e.candidate.method) {
        case eval::Method::Majority:
        case eval::Method::Local: {
            eval::SpendEstimate free;
            free.free = true;
            eval.estimates[e.id] = free;
            break;
        }
        case eval::Method::Embeddings:
            if (auto estimate = embeddings_estimate(state, e.candidate)) eval.estimates[e.id] = *estimate;
            break;
        case eval::Method::ZeroShot:
        case eval::Method::FewShot: {
            const auto asking = chat_asking(*state.data.dataset, e.candidate);
            if (!std::holds_alternative<ChatAsking>(asking)) break;  // the run stops and says why
            const ChatAsking& made = std::get<ChatAsking>(asking);
            const auto rows = eval::rows_to_ask(e, eval.rows_for(e, split.test), std::numeric_limits<std::size_t>::max());
            if (rows.empty()) break;  // every row left is in a batch: nothing more to spend
            const tokens::Bpe* bpe = exact(e.candidate.model);
            const prompt::TokenCounter count = bpe ? prompt::TokenCounter([bpe](std::string_view text) { return bpe->count(text); })
                                                   : prompt::TokenCounter([](std::string_view text) {
                                                         return static_cast<std::size_t>(embed::estimated_tokens(text));
                                                     });
            eval.estimates[e.id] = eval::estimate_chat_spend(e.candidate, made.prompt, made.shots, rows,
                                                             split.classes, count, bpe != nullptr, prices);
            break;
        }
        }
    }
}

json estimate_json(const eval::SpendEstimate& estimate) {
    return {{"rows", estimate.rows},
            {"promptTokens", estimate.prompt_tokens},
            {"completionTokens", estimate.completion_tokens},
            {"exact", estimate.exact},
            {"free", estimate.free},
            {"cost", estimate.dollars ? json(*estimate.dollars) : json(nullptr)},
            {"text", eval::estimate_text(estimate)}};
}

json run_all_json(const EvalState& eval) {
    std::vector<eval::SpendEstimate> all;
    for (const auto& [id, estimate] : eval.estimates) all.push_back(estimate);
    const eval::SpendTotal total = eval::total_spend(all);
    return {{"cost", total.dollars}, {"unpriced", total.unpriced}, {"rows", total.rows}, {"exact", total.exact},
            {"text", run_all_text(eval)}};
}

std::string run_all_text(const EvalState& eval) {
    std::vector<eval::SpendEstimate> all;
    for (const auto& [id, estimate] : eval.estimates) all.push_back(estimate);
    const eval::SpendTotal total = eval::total_spend(all);
    if (total.rows == 0) return "";
    if (total.dollars == 0 && total.unpriced > 0) {
        return "Run all: price unknown for " + std::to_string(total.unpriced) +
               (total.unpriced == 1 ? " candidate" : " candidates");
    }
    std::string out = "Run all costs " + std::string(total.exact ? "≈ " : "about ") + eval::cost_text(total.dollars);
    if (total.unpriced > 0) {
        out += ", plus " + std::to_string(total.unpriced) + (total.unpriced == 1 ? " candidate" : " candidates") +
               " of unknown price";
    }
    return out;
}

}  // namespace tb::workflow
