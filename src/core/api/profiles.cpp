#include "core/api/profiles.h"

#include <algorithm>

#include "core/text/utf8.h"

namespace tb::api {

std::vector<Profile> default_profiles() {
    const std::string closing = "OpenAI takes no new fine-tuning jobs after 2027-01-06; chat models stay.";
    std::vector<Profile> profiles = {
        {"openai", "OpenAI", "https://api.openai.com/v1", Dialect::OpenAi, false, true, true, true, true, closing},
        {"azure", "Azure OpenAI", "https://RESOURCE.openai.azure.com/openai/v1", Dialect::OpenAi, true, true, true, true,
         true, "Replace RESOURCE with your resource's name; chat uses a deployment name as the model."},
        {"nebius", "Nebius Token Factory", "https://api.tokenfactory.nebius.com/v1", Dialect::OpenAi, false, true, true,
         true, false, "Fine-tunes open models (Llama 3.1 8B, Llama 3.3 70B, gpt-oss-20b)."},
        {"together", "Together AI", "https://api.together.ai/v1", Dialect::Together, false, true, true, true, false,
         "A fine-tuned model needs a dedicated endpoint before it can answer."},
        {"custom", "Custom (OpenAI-compatible)", "https://", Dialect::OpenAi, false, true, true, false, false,
         "Any server that speaks OpenAI's chat API: OpenRouter, Groq, Fireworks, Mistral, a proxy."},
        {"ollama", "Ollama (local)", "http://localhost:11434/v1", Dialect::OpenAi, false, false, true, false, false,
         "Start it with OLLAMA_ORIGINS=* so this page may call it."},
        {"llamacpp", "llama.cpp server (local)", "http://localhost:8080/v1", Dialect::OpenAi, false, false, true, false,
         false, "Start llama-server with --cors-origins '*' (or behind a proxy that allows this page)."},
        {"vllm", "vLLM (local)", "http://localhost:8000/v1", Dialect::OpenAi, false, false, true, false, false,
         "vLLM allows every origin unless --allowed-origins says otherwise."},
        {"lmstudio", "LM Studio (local)", "http://localhost:1234/v1", Dialect::OpenAi, false, false, true, false, false,
         "Start the server with lms server start --cors."},
    };
    // The hosted providers run Batch APIs (OpenAI's /v1/batches, Azure's global batch deployments, Nebius's
    // OpenAI-shaped one, Together's); a custom or local server is not assumed to.
    for (Profile& profile : profiles) {
        profile.can_batch = profile.id == "openai" || profile.id == "azure" || profile.id == "nebius" || profile.id == "together";
    }
    return profiles;
}

const Profile* find_profile(const std::vector<Profile>& profiles, std::string_view id) {
    const auto found = std::find_if(profiles.begin(), profiles.end(), [&](const Profile& p) { return p.id == id; });
    return found == profiles.end() ? nullptr : &*found;
}

namespace {

std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto hex = [](char c) {
            return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        };
        if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else {
            out += text[i] == '+' ? ' ' : text[i];
        }
    }
    // A link is anyone's: %FF decodes to a byte that is no text, and the URL is shown and kept.
    return text::valid_utf8(out);
}

}  // namespace

std::optional<LinkChoice> parse_link_fragment(std::string_view fragment) {
    if (!fragment.empty() && fragment.front() == '#') fragment.remove_prefix(1);
    LinkChoice choice;
    while (!fragment.empty()) {
        const auto end = fragment.find('&');
        const std::string_view pair = fragment.substr(0, end);
        fragment = end == std::string_view::npos ? std::string_view() : fragment.substr(end + 1);
        const auto equals = pair.find('=');
        if (equals == std::string_view::npos) continue;
        const std::string_view name = pair.substr(0, equals);
        const std::string value = percent_decode(pair.substr(equals + 1));
        if (name == "provider") choice.provider = value;
        if (name == "base") choice.base_url = value;
        // "key", "api_key", "token": deliberately not read.
    }
    if (choice.provider.empty() && choice.base_url.empty()) return std::nullopt;
    if (!choice.base_url.empty() && !check_base_url(choice.base_url).empty()) choice.base_url.clear();
    return choice;
}

std::string check_base_url(std::string_view url) {
    const bool https = url.rfind("https://", 0) == 0;
    const bool http = url.rfind("http://", 0) == 0;
    if (!https && !http) return "A base URL starts with https:// (or http:// for a server on this machine).";
    const std::string_view rest = url.substr(https ? 8 : 7);
    const std::string_view host = rest.substr(0, rest.find('/'));
    if (host.empty()) return "The base URL names no server.";
    if (host.find('@') != std::string_view::npos) return "Put the key in the key field, never in the URL.";
    if (rest.find_first_of(" \t\r\n") != std::string_view::npos) return "The base URL contains spaces.";
    return {};
}

}  // namespace tb::api
