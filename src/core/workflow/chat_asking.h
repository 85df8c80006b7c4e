#pragma once

#include <variant>
#include <vector>

#include "core/api/openai_dialect.h"
#include "core/eval/candidate.h"
#include "core/eval/run.h"
#include "core/prompt/template.h"
#include "core/workflow/dataset_state.h"

namespace tb::workflow {

// What asking a chat candidate's rows takes: its prompt filled for the data's columns and classes, and
// its few-shot examples (none for zero-shot). Live requests, batch input files and the spending estimate
// are all made from this, so the three ask exactly the same questions.
struct ChatAsking {
    prompt::Prompt prompt;
    std::vector<data::SplitRow> shots;
};

// The prompt no longer fitting the data (a column renamed, say) is the TemplateError.
std::variant<ChatAsking, prompt::TemplateError> chat_asking(const Dataset& dataset, const eval::Candidate& candidate);

// The request that asks `row`, live or as a line of a batch input file.
api::HttpRequest row_request(const ChatAsking& asking, const eval::Candidate& candidate, const data::SplitRow& row,
                             const std::vector<std::string>& classes, const api::Endpoint& endpoint);

}  // namespace tb::workflow
