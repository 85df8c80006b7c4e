#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "http_fixtures.h"

#include "core/api/embeddings.h"
#include "core/api/request_limits.h"

using namespace tb::api;
using tb::api::testing::ok;
using nlohmann::json;

namespace {
std::string error_of(const Result<EmbeddingAnswer>& result) {
    const ApiError* error = std::get_if<ApiError>(&result);
    return error ? error->message : "";
}
}  // namespace

TEST_CASE("an embeddings call: the texts as an array, the format, and dimensions only when set") {
    EmbeddingCall call;
    call.model = "text-embedding-3-small";
    call.inputs = {"My card was charged twice.", "The mortgage servicer lost my payment."};
    const HttpRequest request = openai::embeddings(Endpoint{"https://api.openai.com/v1/", "sk-test", false}, call);
    CHECK(request.method == "POST");
    CHECK(request.url == "https://api.openai.com/v1/embeddings");
    CHECK(request.kind == RequestKind::Embeddings);
    const json body = json::parse(request.body);
    CHECK(body == json{{"model", "text-embedding-3-small"},
                       {"input", {"My card was charged twice.", "The mortgage servicer lost my payment."}},
                       {"encoding_format", "base64"}});
    call.dimensions = 256;
    call.base64 = false;
    const json with = json::parse(openai::embeddings(Endpoint{"http://localhost:11434/v1", "", false}, call).body);
    CHECK(with["dimensions"] == 256);
    CHECK(with["encoding_format"] == "float");
}

TEST_CASE("embeddings answers: float lists and base64 floats, put back in the inputs' order, with the usage") {
    // OpenAI's shape, answered out of order.
    const auto floats = openai::parse_embeddings(ok(R"({"object":"list","model":"text-embedding-3-small",
      "data":[{"object":"embedding","index":1,"embedding":[0.5,0.25]},{"object":"embedding","index":0,"embedding":[1,-2]}],
      "usage":{"prompt_tokens":17,"total_tokens":17}})"), 2);
    REQUIRE(value_of(floats));
    CHECK(value_of(floats)->vectors == std::vector<std::vector<float>>{{1.f, -2.f}, {0.5f, 0.25f}});
    CHECK(value_of(floats)->prompt_tokens == 17);
    // The same vectors as base64 of little-endian floats (Python: base64.b64encode(struct.pack('<2f', 1, -2))).
    const auto packed = openai::parse_embeddings(ok(R"({"data":[{"index":0,"embedding":"AACAPwAAAMA="},
      {"index":1,"embedding":"AAAAPwAAgD4="}]})"), 2);
    REQUIRE(value_of(packed));
    CHECK(value_of(packed)->vectors == value_of(floats)->vectors);
    CHECK(value_of(packed)->prompt_tokens == 0);  // not given
    // A server that leaves out the index answers in order.
    const auto in_order = openai::parse_embeddings(ok(R"({"data":[{"embedding":[1,-2]},{"embedding":[0.5,0.25]}]})"), 2);
    REQUIRE(value_of(in_order));
    CHECK(value_of(in_order)->vectors == value_of(floats)->vectors);
}

TEST_CASE("embeddings answers that are not whole are refused, saying which item and what is wrong") {
    CHECK(error_of(openai::parse_embeddings(ok(R"({"data":[{"index":0,"embedding":[1,2]}]})"), 2)) ==
          "The embeddings answer is not what its API promises: 1 vectors for 2 texts.");
    CHECK(error_of(openai::parse_embeddings(ok(R"({"data":[{"index":0,"embedding":[1]},{"index":0,"embedding":[2]}]})"), 2)) ==
          "The embeddings answer is not what its API promises: data[1].index 0 comes twice.");
    CHECK(error_of(openai::parse_embeddings(ok(R"({"data":[{"index":0,"embedding":[1]},{"index":5,"embedding":[2]}]})"), 2)) ==
          "The embeddings answer is not what its API promises: data[1].index 5 is past the texts sent.");
    CHECK(error_of(openai::parse_embeddings(ok(R"({"data":[{"index":0,"embedding":[1,2]},{"index":1,"embedding":[2]}]})"), 2)) ==
          "The embeddings answer is not what its API promises: data[1] has 1 values, another has 2.");
    CHECK(error_of(openai::parse_embeddings(ok(R"({"data":[{"index":0,"embedding":"AACAPwA="}]})"), 1)) ==
          "The embeddings answer is not what its API promises: data[0].embedding is not a list of finite numbers nor "
          "base64 floats.");
    CHECK(error_of(openai::parse_embeddings(ok(R"({"data":[{"index":0,"embedding":["1"]}]})"), 1)).find("data[0].embedding") !=
          std::string::npos);
    CHECK(error_of(openai::parse_embeddings(ok(R"({"data":[{"index":0,"embedding":[]}]})"), 1)).find("data[0].embedding") !=
          std::string::npos);
    CHECK(error_of(openai::parse_embeddings(ok(R"({"object":"list"})"), 1)) ==
          "The embeddings answer is not what its API promises: it has no data list.");
    HttpResponse refused;
    refused.status = 401;
    refused.body = R"({"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","code":"invalid_api_key"}})";
    CHECK(error_of(openai::parse_embeddings(refused, 1)).find("Incorrect API key") != std::string::npos);
}

TEST_CASE("embedding batches stay within the inputs, tokens and answer size a request may have") {
    const std::vector<std::int64_t> tokens = {100, 200, 300, 400, 500, 600, 700, 800, 900, 1000};
    EmbeddingBatchLimits limits;
    CHECK(plan_embedding_batches(tokens, limits, 256) == std::vector<std::pair<std::size_t, std::size_t>>{{0, 10}});
    limits.max_inputs = 4;
    CHECK(plan_embedding_batches(tokens, limits, 256) ==
          std::vector<std::pair<std::size_t, std::size_t>>{{0, 4}, {4, 8}, {8, 10}});
    limits.max_inputs = 2048;
    limits.max_tokens = 1500;  // 100+…+500 = 1500 fits; then 600+700, 800, 900, 1000
    CHECK(plan_embedding_batches(tokens, limits, 256) ==
          std::vector<std::pair<std::size_t, std::size_t>>{{0, 5}, {5, 7}, {7, 8}, {8, 9}, {9, 10}});
    // 24 MB of answer at 12 bytes a value: 651 vectors of 3,072 values (dimensions unknown), 7,812 of 256.
    const std::vector<std::int64_t> many(5000, 10);
    limits.max_tokens = 300'000;
    limits.max_inputs = 100'000;
    CHECK(plan_embedding_batches(many, limits, 0).front() == std::pair<std::size_t, std::size_t>{0, 651});
    CHECK(plan_embedding_batches(many, limits, 256).size() == 1);
    CHECK(plan_embedding_batches({}, limits, 0).empty());
}
