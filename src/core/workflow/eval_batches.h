#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/api/batch_flow.h"
#include "core/eval/run.h"
#include "core/workflow/chat_asking.h"
#include "core/workflow/providers_state.h"

namespace tb::workflow {

// The candidate asks a chat model of a provider with a Batch API: it can be run as a batch.
bool can_batch(const ProvidersState& providers, const eval::Candidate& candidate);
// The provider's batch calls for `profile_id`; none when it has no Batch API.
std::optional<api::BatchApi> batch_api_for(const ProvidersState& providers, const std::string& profile_id);
// How often batches are looked at: every `check_seconds` (the person's setting) at first, growing to a minute.
api::BatchFlowSettings batch_flow_settings(double check_seconds);

// The input files asking `rows` of `evaluation` as batches: the very requests the live path would send.
api::BatchInputs batch_inputs(const ChatAsking& asking, const eval::Evaluation& evaluation,
                              const std::vector<const data::SplitRow*>& rows, const std::vector<std::string>& classes,
                              const api::Endpoint& endpoint, const std::string& line_url);

// What a finished batch brought to an evaluation.
struct BatchTaken {
    std::size_t answered = 0;  // rows with an answer now
    std::size_t refused = 0;   // rows the provider refused for good (kept as failed; Retry failed asks them live)
    std::size_t again = 0;     // rows it did not run (expired, cancelled, a transient error): to ask again
};

// Takes a finished batch's answers into `evaluation` (each read as the live answer would be, billed at
// the batch price) and drops its record: its rows are then answered, failed, or to ask again.
BatchTaken take_batch(eval::Evaluation& evaluation, const std::string& client_id,
                      const std::vector<api::BatchAnswer>& answers, const std::vector<std::string>& classes);

// The record of the batch `client_id` of `evaluation`, or null.
api::BatchRecord* find_batch_record(eval::Evaluation& evaluation, const std::string& client_id);

// "Batch batch_abc: in progress, 40 of 100 done" — one batch as the Evaluate step shows it.
std::string batch_summary(const api::BatchRecord& record);

}  // namespace tb::workflow
