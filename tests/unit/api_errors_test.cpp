#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/api/errors.h"
#include "core/api/multipart.h"
#include "core/text/utf8.h"

using namespace tb::api;

namespace {
HttpResponse answer(int status, std::string body, Headers headers = {}) {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(headers);
    return response;
}
}  // namespace

TEST_CASE("an OpenAI error keeps the provider's words, status and request id, with guidance") {
    const ApiError error = parse_api_error(answer(
        401, R"({"error":{"message":"Incorrect API key provided: sk-abc***xyz.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})",
        {{"X-Request-Id", "req_123"}}));
    CHECK(error.status == 401);
    CHECK(error.code == "invalid_api_key");
    CHECK(error.type == "invalid_request_error");
    CHECK(error.message == "Incorrect API key provided: sk-abc***xyz.");
    CHECK(error.request_id == "req_123");
    CHECK(error.guidance.find("key was refused") != std::string::npos);
    CHECK(describe(error) ==
          "HTTP 401: Incorrect API key provided: sk-abc***xyz. (request req_123) " + error.guidance);
}

TEST_CASE("quota, closed fine-tuning, unknown models and rate limits each get their own guidance") {
    CHECK(parse_api_error(answer(429, R"({"error":{"message":"quota","type":"insufficient_quota","code":"insufficient_quota"}})"))
              .guidance.find("billing") != std::string::npos);
    const ApiError closed = parse_api_error(answer(
        403, R"({"error":{"message":"Fine-tuning is not available","type":"invalid_request_error","code":"training_not_available"}})"));
    CHECK(closed.guidance.find("Together") != std::string::npos);
    CHECK(closed.guidance.find("in-browser") != std::string::npos);
    CHECK(parse_api_error(answer(404, R"({"error":{"message":"The model `gpt-9` does not exist","code":"model_not_found"}})"))
              .guidance.find("model name") != std::string::npos);
    CHECK(parse_api_error(answer(429, R"({"error":{"message":"Rate limit","code":"rate_limit_exceeded"}})"))
              .guidance.find("retries") != std::string::npos);
}

TEST_CASE("no answer at all names network, base URL and CORS, with each local server's flag") {
    HttpResponse none;
    none.failure = HttpResponse::Failure::Network;
    const ApiError error = parse_api_error(none);
    CHECK(error.status == 0);
    for (const char* needle : {"base URL", "CORS", "OLLAMA_ORIGINS", "--cors-origins", "--allowed-origins", "--cors"}) {
        CHECK(error.message.find(needle) != std::string::npos);
    }
    none.failure = HttpResponse::Failure::Timeout;
    // A timeout says which request waited how long, and what to check (the request kinds' own test has more).
    const std::string timed_out = parse_api_error(none).message;
    CHECK(timed_out.find("within 30 s") != std::string::npos);
    CHECK(timed_out.find("base URL") != std::string::npos);
}

TEST_CASE("other error shapes are read too, and a non-JSON body is kept short") {
    CHECK(parse_api_error(answer(400, R"({"message":"Invalid model"})")).message == "Invalid model");
    CHECK(parse_api_error(answer(400, R"({"error":"bad file"})")).message == "bad file");
    CHECK(parse_api_error(answer(502, std::string(1000, 'x'))).message.size() == 200);
    CHECK(parse_api_error(answer(500, "")).message == "The server answered with no explanation.");
}

TEST_CASE("a multipart body is byte-exact, and its boundary never occurs in a part") {
    Multipart form("BOUNDARY");
    form.add_field("purpose", "fine-tune");
    form.add_file("file", "train \"v2\".jsonl", "application/jsonl", "{\"a\":1}\n{\"a\":2}\n");
    CHECK(form.content_type() == "multipart/form-data; boundary=BOUNDARY");
    CHECK(form.body() ==
          "--BOUNDARY\r\n"
          "Content-Disposition: form-data; name=\"purpose\"\r\n"
          "\r\n"
          "fine-tune\r\n"
          "--BOUNDARY\r\n"
          "Content-Disposition: form-data; name=\"file\"; filename=\"train %22v2%22.jsonl\"\r\n"
          "Content-Type: application/jsonl\r\n"
          "\r\n"
          "{\"a\":1}\n{\"a\":2}\n\r\n"
          "--BOUNDARY--\r\n");

    const std::string first = make_boundary({"plain"}, 7);
    CHECK(first.rfind("tuneboard-", 0) == 0);
    const std::string content = "text with " + first + " inside";
    const std::string other = make_boundary({content}, 7);
    CHECK(other != first);
    CHECK(content.find(other) == std::string::npos);
}

TEST_CASE("an error page that is not UTF-8, or cut inside a character, becomes text a save can hold") {
    // A proxy's page in Latin-1, and one whose 200th byte falls inside a Chinese character (3 bytes each).
    const std::string chinese = "\xE6\x9C\x8D\xE5\x8A\xA1\xE5\x99\xA8\xE9\x94\x99\xE8\xAF\xAF";  // 服务器错误
    std::string long_page;
    while (long_page.size() < 400) long_page += chinese;
    for (const std::string& body : {std::string("<html>Erreur: acc\xE8s refus\xE9</html>"), long_page}) {
        const ApiError error = parse_api_error(answer(502, body, {{"x-request-id", "req_\xFF"}}));
        INFO(error.message);
        CHECK(tb::text::valid_utf8_prefix(error.message) == error.message.size());
        CHECK(error.message.size() <= 200);
        CHECK_NOTHROW(nlohmann::json({{"why", describe(error)}, {"id", error.request_id}}).dump());
    }
    CHECK(parse_api_error(answer(502, "<html>Erreur: acc\xE8s refus\xE9</html>")).message ==
          "<html>Erreur: acc\xEF\xBF\xBDs refus\xEF\xBF\xBD</html>");
    // Cut after the last whole character that leaves room for "…": 195 bytes are 65 characters.
    std::string expected;
    for (std::size_t i = 0; i < 65; ++i) expected += long_page.substr(i * 3, 3);
    CHECK(parse_api_error(answer(502, long_page)).message == expected + "\xE2\x80\xA6");
}

TEST_CASE("an error answer nested too deep is read as a page, not parsed into the stack") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const ApiError error = parse_api_error(answer(500, deep));
    CHECK(error.message == std::string(197, '[') + "\xE2\x80\xA6");
}
