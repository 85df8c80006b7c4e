#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tb::api {

enum class Dialect { OpenAi, Together };

// A provider the person can talk to: where it is, how it takes its key, what it can do. The key itself
// is never part of a profile (it is kept apart, in memory unless the person opts in).
struct Profile {
    std::string id;     // "openai", "azure", "nebius", "together", "custom", "ollama", …
    std::string name;   // for people
    std::string base_url;
    Dialect dialect = Dialect::OpenAi;
    bool azure_key_header = false;
    bool needs_key = true;
    bool can_chat = true;
    bool can_fine_tune = false;
    bool structured_output = false;  // takes response_format json_schema (OpenAI models: per model)
    std::string note;                // one line shown under the profile
    bool can_batch = false;          // has a Batch API (api::batch_api) for its chat models
};

// OpenAI (default), Azure OpenAI, Nebius, Together, a custom OpenAI-compatible server, and the local
// chat servers (Ollama, llama.cpp, vLLM, LM Studio) with their default addresses.
std::vector<Profile> default_profiles();
const Profile* find_profile(const std::vector<Profile>& profiles, std::string_view id);

// A link's fragment may preselect a profile and its base URL ("#provider=openai&base=https%3A%2F%2F…").
// A key is never taken from a link: any key-like parameter is ignored.
struct LinkChoice {
    std::string provider;
    std::string base_url;
};
std::optional<LinkChoice> parse_link_fragment(std::string_view fragment);

// A base URL the app will send requests (and so the key) to: http(s) only, no credentials inside.
// Returns an empty string, or what is wrong with it.
std::string check_base_url(std::string_view url);

}  // namespace tb::api
