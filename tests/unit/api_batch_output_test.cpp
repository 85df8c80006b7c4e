#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/api/batch_output.h"
#include "core/api/chat.h"

using namespace tb::api;
using nlohmann::json;

namespace {
std::string chat_body(const std::string& content) {
    return json{{"id", "chatcmpl-1"},
                {"object", "chat.completion"},
                {"choices", {{{"index", 0}, {"finish_reason", "stop"}, {"message", {{"role", "assistant"}, {"content", content}}}}}},
                {"usage", {{"prompt_tokens", 31}, {"completion_tokens", 4}}}}
        .dump();
}

std::string output_line(const std::string& custom_id, int status, const std::string& body) {
    return json{{"id", "batch_req_" + custom_id},
                {"custom_id", custom_id},
                {"response", {{"status_code", status}, {"request_id", "req_" + custom_id}, {"body", json::parse(body)}}},
                {"error", nullptr}}
        .dump();
}
}  // namespace

TEST_CASE("an output line becomes the live answer parse_chat reads, in any order") {
    const std::string content = output_line("row-2", 200, chat_body("{\"label\": \"Credit card\"}")) + "\n" +
                                output_line("row-1", 200, chat_body("Mortgage")) + "\n";
    const BatchOutput output = read_batch_output(content);
    CHECK(output.problems.empty());
    CHECK(output.unreadable == 0);
    REQUIRE(output.answers.size() == 2);
    CHECK(output.answers[0].custom_id == "row-2");
    CHECK(output.answers[1].custom_id == "row-1");
    CHECK_FALSE(output.answers[0].failure);
    CHECK(output.answers[0].response.status == 200);
    CHECK(output.answers[0].response.header("x-request-id").value_or("") == "req_row-2");

    const auto structured = openai::parse_chat(output.answers[0].response, true);
    REQUIRE(value_of(structured));
    CHECK(value_of(structured)->content == "Credit card");
    const auto plain = openai::parse_chat(output.answers[1].response, false);
    REQUIRE(value_of(plain));
    CHECK(value_of(plain)->content == "Mortgage");
    CHECK(value_of(plain)->prompt_tokens == 31);
}

TEST_CASE("error file lines: a refused request is the provider's error, an unrun one a failure") {
    const std::string refused =
        output_line("row-3", 400, R"({"error":{"message":"Invalid model","type":"invalid_request_error","code":"model_not_found"}})");
    const std::string expired =
        R"({"id":"batch_req_4","custom_id":"row-4","response":null,"error":{"code":"batch_expired","message":"This request could not be executed before the completion window expired."}})";
    const BatchOutput output = read_batch_output(refused + "\r\n" + expired);  // CRLF, no final newline
    REQUIRE(output.answers.size() == 2);
    CHECK(output.problems.empty());

    CHECK_FALSE(output.answers[0].failure);
    const auto error = openai::parse_chat(output.answers[0].response, false);
    REQUIRE(std::holds_alternative<ApiError>(error));
    CHECK(std::get<ApiError>(error).status == 400);
    CHECK(std::get<ApiError>(error).code == "model_not_found");
    CHECK(std::get<ApiError>(error).request_id == "req_row-3");

    REQUIRE(output.answers[1].failure);
    CHECK(output.answers[1].custom_id == "row-4");
    CHECK(output.answers[1].failure->code == "batch_expired");
    CHECK(output.answers[1].failure->message.rfind("This request could not be executed", 0) == 0);
    CHECK(output.answers[1].response.status == 0);
}

TEST_CASE("broken lines are named by line number and the good ones kept") {
    const std::string good = output_line("ok", 200, chat_body("Mortgage"));
    const std::string content = "not json at all\n"                                    // 1
                                "\n"                                                   // 2: blank, skipped
                                "[1, 2]\n"                                             // 3
                                "{\"custom_id\": \"x\"}\n"                             // 4
                                "{\"response\": {\"status_code\": 200}}\n"             // 5
                                "{\"custom_id\": \"y\", \"response\": {\"body\": {}}}\n" // 6
                                + good + "\n"                                          // 7
                                + good + "\n"                                          // 8: repeat
                                "{\"custom_id\": \"z\", \"response\": {\"status_code\": 99999999999}}\n"; // 9
    const BatchOutput output = read_batch_output(content);
    REQUIRE(output.answers.size() == 1);
    CHECK(output.answers[0].custom_id == "ok");
    REQUIRE(output.problems.size() == 7);
    CHECK(output.unreadable == 7);
    CHECK(output.problems[0].rfind("line 1: ", 0) == 0);
    CHECK(output.problems[1] == "line 3: not a JSON object");
    CHECK(output.problems[2] == "line 4: neither a response nor an error");
    CHECK(output.problems[3] == "line 5: no custom_id");
    CHECK(output.problems[4] == "line 6: its response has no HTTP status_code");
    CHECK(output.problems[5] == "line 8: custom_id ok answered again");
    CHECK(output.problems[6] == "line 9: its response has no HTTP status_code");
}

TEST_CASE("a file of garbage keeps the first ten problems and counts them all") {
    std::string content;
    for (int i = 0; i < 25; ++i) content += "{oops\n";
    content += std::string("\xff\xfe\x00\x80", 4) + "\n";
    const BatchOutput output = read_batch_output(content);
    CHECK(output.answers.empty());
    CHECK(output.problems.size() == 10);
    CHECK(output.unreadable == 26);
    CHECK(output.problems[9].rfind("line 10: ", 0) == 0);
    CHECK(read_batch_output("").answers.empty());
    CHECK(read_batch_output("\n\n  \n").unreadable == 0);
}
