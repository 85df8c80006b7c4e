#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/prompt/price_table.h"
#include "core/tokens/bpe.h"
#include "core/workflow/state.h"

namespace tb::workflow {

// The tokenizer that counts `model`'s tokens exactly, when it is loaded; null otherwise (the count is then
// estimated).
using ExactCounter = std::function<const tokens::Bpe*(const std::string& model)>;

// Fills state.eval.estimates: for every candidate with rows still to ask and not running, what asking them
// would cost. Chat candidates: each row's messages as they would be sent. Embeddings candidates: the texts
// their space does not hold yet (SpaceVectors' to_ask, kept current by the app). The baseline and the
// in-browser classifier: free.
void estimate_spending(State& state, const ExactCounter& exact, const prompt::PriceTable& prices);

// state().spending: {runAll: {cost, unpriced, rows, exact, text}} and each candidate's estimate in
// state().evaluations[].estimate.
nlohmann::json estimate_json(const eval::SpendEstimate& estimate);
nlohmann::json run_all_json(const EvalState& eval);

// "Run all costs ≈ $0.84", "Run all costs about $0.84, plus 1 candidate of unknown price" (about: some
// tokens estimated), "" when nothing is left to ask: shown beside the Run all button.
std::string run_all_text(const EvalState& eval);

}  // namespace tb::workflow
