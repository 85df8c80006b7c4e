#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "http_fixtures.h"

#include "core/api/chat.h"

using namespace tb::api;
using tb::api::testing::ok;
using nlohmann::json;

TEST_CASE("a classification call is deterministic and, where supported, bound to the labels") {
    ChatCall call;
    call.model = "gpt-4o-mini";
    call.messages = {{"system", "Answer with one product."}, {"user", "My card was charged twice."}};
    call.labels = {"Credit card", "Mortgage"};
    call.structured = true;
    const HttpRequest request = openai::chat(Endpoint{"https://api.openai.com/v1", "sk", false}, call);
    CHECK(request.url == "https://api.openai.com/v1/chat/completions");
    const json body = json::parse(request.body);
    CHECK(body["temperature"] == 0);
    CHECK(body["max_completion_tokens"] == 64);
    CHECK_FALSE(body.contains("max_tokens"));  // deprecated
    CHECK(body["messages"][1]["content"] == "My card was charged twice.");
    const json& format = body["response_format"];
    CHECK(format["type"] == "json_schema");
    CHECK(format["json_schema"]["strict"] == true);
    CHECK(format["json_schema"]["schema"]["properties"]["label"]["enum"] == json::array({"Credit card", "Mortgage"}));
    CHECK(format["json_schema"]["schema"]["additionalProperties"] == false);

    call.structured = false;
    CHECK_FALSE(json::parse(openai::chat(Endpoint{"http://localhost:11434/v1", "", false}, call).body)
                    .contains("response_format"));
    CHECK(openai::chat(Endpoint{"http://localhost:11434/v1", "", false}, call).headers.size() == 1);  // no key
}

TEST_CASE("answers give the label, the usage and refusals") {
    const auto structured = openai::parse_chat(ok(R"({"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
      "choices":[{"index":0,"finish_reason":"stop","logprobs":null,"message":{"role":"assistant","content":"{\"label\":\"Mortgage\"}","refusal":null}}],
      "usage":{"prompt_tokens":120,"completion_tokens":6,"total_tokens":126}})"), true);
    REQUIRE(value_of(structured));
    CHECK(value_of(structured)->content == "Mortgage");
    CHECK(value_of(structured)->raw == "{\"label\":\"Mortgage\"}");
    CHECK(value_of(structured)->prompt_tokens == 120);
    CHECK(value_of(structured)->completion_tokens == 6);
    CHECK_FALSE(value_of(structured)->refused);

    const auto free_text = openai::parse_chat(ok(R"({"choices":[{"finish_reason":"stop","message":{"role":"assistant","content":" mortgage."}}]})"), false);
    REQUIRE(value_of(free_text));
    CHECK(value_of(free_text)->content == " mortgage.");

    const auto refused = openai::parse_chat(ok(R"({"choices":[{"message":{"role":"assistant","content":null,"refusal":"I can't help with that."}}]})"), true);
    REQUIRE(value_of(refused));
    CHECK(value_of(refused)->refused);
    CHECK(value_of(refused)->content.empty());

    CHECK(std::holds_alternative<ApiError>(openai::parse_chat(ok(R"({"choices":[]})"), false)));
}

TEST_CASE("structured output is used only with models that take it") {
    CHECK(openai_supports_json_schema("gpt-4o-mini"));
    CHECK(openai_supports_json_schema("gpt-4o-mini-2024-07-18"));
    CHECK(openai_supports_json_schema("gpt-4o-2024-08-06"));
    CHECK(openai_supports_json_schema("gpt-4o-2024-11-20"));
    CHECK_FALSE(openai_supports_json_schema("gpt-4o-2024-05-13"));
    CHECK(openai_supports_json_schema("gpt-4.1-nano"));
    CHECK(openai_supports_json_schema("ft:gpt-4o-mini-2024-07-18:org:cfpb:abc123"));
    CHECK_FALSE(openai_supports_json_schema("gpt-3.5-turbo-0125"));
    CHECK_FALSE(openai_supports_json_schema("gpt-4"));
    CHECK_FALSE(openai_supports_json_schema("llama3.1:8b"));
}
