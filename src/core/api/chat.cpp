#include "core/api/chat.h"

#include <nlohmann/json.hpp>

#include "core/text/json_fields.h"
#include "core/text/json_text.h"

namespace tb::api {

using nlohmann::json;

bool openai_supports_json_schema(const std::string& model) {
    // Fine-tuned models are named "ft:<base>:…" and inherit their base's abilities.
    std::string base = model.rfind("ft:", 0) == 0 ? model.substr(3) : model;
    const auto starts = [&](const char* prefix) { return base.rfind(prefix, 0) == 0; };
    if (starts("gpt-4o-mini") || starts("gpt-4.1") || starts("gpt-5") || starts("o1") || starts("o3") || starts("o4")) {
        return true;
    }
    if (starts("gpt-4o-")) {
        // Dated snapshots: from 2024-08-06 on.
        const std::string date = base.substr(7, 10);
        return date.size() == 10 && date >= "2024-08-06";
    }
    return base == "gpt-4o";
}

namespace openai {

HttpRequest chat(const Endpoint& endpoint, const ChatCall& call) {
    json messages = json::array();
    for (const ChatMessage& message : call.messages) messages.push_back({{"role", message.role}, {"content", message.content}});
    json body = {{"model", call.model},
                 {"messages", messages},
                 {"temperature", 0},
                 {"max_completion_tokens", call.max_completion_tokens}};
    if (call.structured && !call.labels.empty()) {
        body["response_format"] = {
            {"type", "json_schema"},
            {"json_schema",
             {{"name", "label"},
              {"strict", true},
              {"schema",
               {{"type", "object"},
                {"properties", {{"label", {{"type", "string"}, {"enum", call.labels}}}}},
                {"required", {"label"}},
                {"additionalProperties", false}}}}}};
    }
    HttpRequest out = authorized(endpoint, "POST", "chat/completions", text::dump_json(body));
    out.kind = RequestKind::Chat;
    return out;
}

Result<ChatAnswer> parse_chat(const HttpResponse& response, bool structured) {
    if (!response.ok()) return parse_api_error(response);
    const auto parsed = text::parse_json(response.body);
    const json& body = parsed.value;
    ApiError malformed;
    malformed.status = response.status;
    malformed.message = "The chat answer is not the JSON its API promises.";
    if (!parsed.ok() || !body.is_object() || !body.contains("choices") || !body["choices"].is_array() ||
        body["choices"].empty()) {
        return malformed;
    }
    const json& choice = body["choices"][0];
    ChatAnswer answer;
    text::read_field(choice, "finish_reason", answer.finish_reason);
    if (choice.contains("message") && choice["message"].is_object()) {
        const json& message = choice["message"];
        text::read_field(message, "content", answer.raw);
        std::string refusal;
        text::read_field(message, "refusal", refusal);
        answer.refused = !refusal.empty();
    }
    if (body.contains("usage")) {
        text::read_field(body["usage"], "prompt_tokens", answer.prompt_tokens);
        text::read_field(body["usage"], "completion_tokens", answer.completion_tokens);
    }
    answer.content = answer.raw;
    if (structured) {
        // {"label": "Mortgage"}; a model that broke the schema leaves its raw text to be normalised.
        const auto schema_answer = text::parse_json(answer.raw);
        std::string label;
        if (schema_answer.ok()) text::read_field(schema_answer.value, "label", label);
        if (!label.empty()) answer.content = label;
    }
    return answer;
}

}  // namespace openai
}  // namespace tb::api
