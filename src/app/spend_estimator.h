#pragma once

#include <functional>
#include <set>
#include <string>

#include "app/token_counters.h"
#include "core/workflow/state.h"

namespace tb::app {

// Keeps state.eval.estimates current (workflow/spend_estimates.h): worked out again only when what they
// depend on changes (the candidates' rows left, the split, the prices, a tokenizer arriving), as counting
// every row's prompt each frame would cost the page its frame rate.
class SpendEstimator {
public:
    using Post = std::function<void(std::function<void(workflow::State&)>)>;

    SpendEstimator(workflow::State& state, TokenCounters& tokens, Post post)
        : state_(state), tokens_(tokens), post_(std::move(post)) {}
    // Called every frame; cheap when nothing it depends on has changed.
    void update();

private:
    std::string inputs() const;

    workflow::State& state_;
    TokenCounters& tokens_;
    Post post_;
    std::string made_from_;
    std::set<tokens::Encoding> awaited_;  // tokenizers asked for, whose arrival wakes the page
};

}  // namespace tb::app
