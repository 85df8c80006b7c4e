#include "core/api/errors.h"

#include "core/text/json_fields.h"
#include "core/text/json_text.h"
#include "core/text/utf8.h"

namespace tb::api {

namespace {

constexpr std::size_t kBodyExcerptBytes = 200;
// A provider's own message is kept whole up to this: it is stored with every row it failed.
constexpr std::size_t kMessageBytes = 2000;

constexpr const char* kNoAnswer =
    "No answer from the server. Either the network is down, the base URL is wrong, or the server does "
    "not allow requests from this page (CORS). A local server must allow this page's origin: Ollama: set "
    "OLLAMA_ORIGINS=* before `ollama serve`; llama.cpp: llama-server --cors-origins '*' (or --host with "
    "a proxy); vLLM: --allowed-origins '[\"*\"]'; LM Studio: lms server start --cors.";

std::string guidance_for(const ApiError& error) {
    if (error.code == "insufficient_quota") {
        return "The account has no credit left for this: add billing or credit at the provider, then try "
               "again. Retrying now would not help.";
    }
    if (error.code == "training_not_available") {
        return "This provider no longer lets this account create fine-tuning jobs (OpenAI stops all new "
               "fine-tuning on 2027-01-06). Fine-tune with Azure OpenAI, Nebius or Together instead, or train "
               "the in-browser classifier, which needs no key.";
    }
    switch (error.status) {
        case 401: return "The API key was refused: check that it is complete, current and meant for this provider.";
        case 403: return "The key is valid but may not do this: check the project's or organisation's permissions.";
        case 404: return "Not found: check the model name (the provider's model list shows what this key can use) and the base URL.";
        case 429: return "Too many requests: Tuneboard waits and retries, and sends fewer at once.";
        default: break;
    }
    if (error.status >= 500) return "The provider had a problem on its side; Tuneboard retries such requests.";
    return {};
}

}  // namespace

ApiError parse_api_error(const HttpResponse& response) {
    ApiError error;
    error.status = response.status;
    // Headers and bodies are bytes from anywhere (a proxy's Latin-1 page, say): made valid text here, as
    // they end up in saved evaluations.
    if (const auto id = response.header("x-request-id")) error.request_id = text::excerpt(*id, 100);
    if (response.status == 0) {
        const std::string why = transport_failure_message(response);
        error.message = why.empty() ? kNoAnswer : why;
        return error;
    }
    const auto parsed = text::parse_json(response.body);
    const nlohmann::json& json = parsed.value;
    if (parsed.ok() && json.is_object()) {
        if (json.contains("error") && json["error"].is_object()) {
            const auto& body = json["error"];
            text::read_field(body, "message", error.message);
            text::read_field(body, "type", error.type);
            text::read_field(body, "code", error.code);
        } else {
            text::read_field(json, "error", error.message);
            text::read_field(json, "message", error.message);
        }
    }
    if (error.message.size() > kMessageBytes) error.message = text::excerpt(error.message, kMessageBytes);
    if (error.message.empty()) {
        // Not JSON (a proxy's HTML page, say): a little of it says more than nothing.
        error.message = text::excerpt(response.body, kBodyExcerptBytes);
        if (error.message.empty()) error.message = "The server answered with no explanation.";
    }
    error.guidance = guidance_for(error);
    return error;
}

std::string describe(const ApiError& error) {
    std::string text = error.status > 0 ? "HTTP " + std::to_string(error.status) + ": " + error.message : error.message;
    if (!error.request_id.empty()) text += " (request " + error.request_id + ")";
    if (!error.guidance.empty()) text += " " + error.guidance;
    return text;
}

}  // namespace tb::api
