#pragma once

#include <string>
#include <vector>

#include "core/api/openai_dialect.h"

namespace tb::api {

struct ChatMessage {
    std::string role;  // system, user, assistant
    std::string content;
};

// One classification call: temperature 0; with `labels` and structured output the answer is forced to
// one of them through a JSON schema with an enum, otherwise it is free text to normalise.
struct ChatCall {
    std::string model;
    std::vector<ChatMessage> messages;
    std::vector<std::string> labels;
    bool structured = false;
    int max_completion_tokens = 64;
};

struct ChatAnswer {
    std::string content;  // the message text, or with structured output the label it carries
    std::string raw;      // the message text as sent
    std::int64_t prompt_tokens = 0, completion_tokens = 0;
    std::string finish_reason;
    bool refused = false;  // the model declined (message.refusal)
};

// Whether a model accepts response_format json_schema (OpenAI: gpt-4o-mini, gpt-4o from 2024-08-06,
// gpt-4.1 and o-series, and their fine-tunes); other servers say so in their profile.
bool openai_supports_json_schema(const std::string& model);

namespace openai {
HttpRequest chat(const Endpoint& endpoint, const ChatCall& call);
Result<ChatAnswer> parse_chat(const HttpResponse& response, bool structured);
}  // namespace openai

}  // namespace tb::api
