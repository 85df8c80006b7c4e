#pragma once

#include <functional>

#include "app/token_counters.h"
#include "core/prompt/price_table.h"
#include "core/workflow/state.h"

namespace tb::app {

// Rebuilds state.finetune.files when they are stale: the prompt over the split, the training and
// validation JSONL, their checks with exact token counts, and the cost. Until the model's tokenizer has
// loaded, the files are built and the counts wait; `post` brings the rebuild back when it has.
void rebuild_training_files(workflow::State& state, TokenCounters& counters,
                            const std::function<void(std::function<void(workflow::State&)>)>& post);

// The bundled price table with the person's edits on top; edits that do not parse are named in
// `error` and left out.
prompt::PriceTable prices_for(const std::string& edits, std::string& error);

// The price table's JSON as bundled (assets/fine_tuning_prices.json, compiled in).
const char* bundled_prices_json();

}  // namespace tb::app
