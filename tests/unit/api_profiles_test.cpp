#include <catch2/catch.hpp>

#include "core/api/profiles.h"

using namespace tb::api;

TEST_CASE("the built-in profiles cover the providers, OpenAI first, with valid base URLs") {
    const auto profiles = default_profiles();
    REQUIRE(profiles.size() == 9);
    CHECK(profiles.front().id == "openai");
    for (const char* id : {"azure", "nebius", "together", "custom", "ollama", "llamacpp", "vllm", "lmstudio"}) {
        CHECK(find_profile(profiles, id) != nullptr);
    }
    CHECK(find_profile(profiles, "azure")->azure_key_header);
    CHECK(find_profile(profiles, "together")->dialect == Dialect::Together);
    CHECK_FALSE(find_profile(profiles, "ollama")->needs_key);
    CHECK_FALSE(find_profile(profiles, "ollama")->can_fine_tune);
    CHECK(find_profile(profiles, "openai")->can_fine_tune);
    CHECK(find_profile(profiles, "nope") == nullptr);
    for (const Profile& profile : profiles) {
        if (profile.id != "custom") CHECK(check_base_url(profile.base_url).empty());
    }
}

TEST_CASE("a link preselects a provider and base URL, and never a key") {
    const auto choice = parse_link_fragment("#provider=ollama&base=http%3A%2F%2Flocalhost%3A11434%2Fv1&key=sk-secret");
    REQUIRE(choice);
    CHECK(choice->provider == "ollama");
    CHECK(choice->base_url == "http://localhost:11434/v1");
    CHECK_FALSE(parse_link_fragment("#key=sk-secret&api_key=x").has_value());
    CHECK_FALSE(parse_link_fragment("").has_value());
    // A base URL that is not one is dropped, the provider kept.
    const auto bad = parse_link_fragment("provider=custom&base=javascript%3Aalert(1)");
    REQUIRE(bad);
    CHECK(bad->provider == "custom");
    CHECK(bad->base_url.empty());
    // %FF decodes to no text: replaced, as the URL is shown and kept.
    const auto latin1 = parse_link_fragment("provider=custom&base=https%3A%2F%2Fproxy.example%2Fcaf%E9");
    REQUIRE(latin1);
    CHECK(latin1->base_url == "https://proxy.example/caf\xEF\xBF\xBD");
}

TEST_CASE("base URLs are http(s), name a server and hold no credentials") {
    CHECK(check_base_url("https://api.openai.com/v1").empty());
    CHECK(check_base_url("http://127.0.0.1:8000/v1").empty());
    CHECK_FALSE(check_base_url("ftp://x").empty());
    CHECK_FALSE(check_base_url("https:///v1").empty());
    CHECK(check_base_url("https://user:sk-secret@proxy.example/v1").find("key field") != std::string::npos);
    CHECK_FALSE(check_base_url("https://api.openai.com/v1 ").empty());
}
