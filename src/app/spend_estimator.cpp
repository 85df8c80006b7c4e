#include "app/spend_estimator.h"

#include "app/training_files.h"
#include "core/tokens/encoding.h"
#include "core/workflow/spend_estimates.h"

namespace tb::app {

std::string SpendEstimator::inputs() const {
    const workflow::State& s = state_;
    std::string key = s.eval.split.id + "|" + std::to_string(s.eval.repeats) + "|" + s.finetune.price_edits;
    for (const eval::Evaluation& e : s.eval.evaluations) {
        // A running candidate has no estimate: its answers arriving change nothing to work out again.
        if (e.phase == eval::Phase::Running) {
            key += "|" + e.id + ":running";
            continue;
        }
        key += "|" + e.id + ":" + std::to_string(static_cast<int>(e.phase)) + ":" + std::to_string(e.answers.size()) +
               ":" + std::to_string(e.failed.size()) + ":" + std::to_string(e.in_flight.size()) + ":" +
               std::to_string(e.batches.size());
        if (const auto encoding = tokens::encoding_for_model(e.candidate.model)) {
            key += tokens_.loaded(*encoding) ? ":exact" : ":estimated";
        }
    }
    for (const auto& [space, vectors] : s.embed.spaces) {
        key += "|" + space + ":" + std::to_string(static_cast<int>(vectors.cache)) + ":" +
               std::to_string(vectors.to_ask[0]) + ":" + std::to_string(vectors.to_ask[1]) + ":" +
               std::to_string(vectors.tokens_to_ask[0]) + ":" + std::to_string(vectors.tokens_to_ask[1]);
    }
    return key;
}

void SpendEstimator::update() {
    std::string now = inputs();
    if (now == made_from_) return;
    made_from_ = std::move(now);
    std::string ignored;  // the Fine-tune step names a broken price edit
    const prompt::PriceTable prices = prices_for(state_.finetune.price_edits, ignored);
    workflow::estimate_spending(
        state_,
        [this](const std::string& model) -> const tokens::Bpe* {
            const auto encoding = tokens::encoding_for_model(model);
            if (!encoding) return nullptr;
            const tokens::Bpe* bpe = tokens_.get(*encoding);
            // Its download has started: an idle page wakes when it arrives, to make the estimate exact.
            if (bpe == nullptr && awaited_.insert(*encoding).second) {
                tokens_.when_ready(*encoding, [post = post_](const tokens::Bpe*, const std::string&) {
                    post([](workflow::State&) {});
                });
            }
            return bpe;
        },
        prices);
}

}  // namespace tb::app
