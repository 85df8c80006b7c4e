#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/api/batch_input.h"
#include "core/api/chat.h"

using namespace tb::api;
using nlohmann::json;

namespace {
const Endpoint kEndpoint{"https://api.openai.com/v1", "sk", false};

// The live request for one row, as the evaluation sends it.
HttpRequest live_request(const std::string& model, const std::string& text, bool structured = true) {
    ChatCall call;
    call.model = model;
    call.messages = {{"system", "Classify the complaint."}, {"user", text}};
    call.labels = {"Mortgage", "Credit card"};
    call.structured = structured;
    return openai::chat(kEndpoint, call);
}

std::vector<BatchItem> items_of(const std::string& model, int count) {
    std::vector<BatchItem> items;
    // Ids and texts of one length, so every line has one length too.
    for (int i = 0; i < count; ++i) items.push_back({"row-" + std::to_string(100 + i), live_request(model, "text " + std::to_string(100 + i))});
    return items;
}

std::vector<std::string> lines_of(const std::string& jsonl) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end; (end = jsonl.find('\n', start)) != std::string::npos; start = end + 1) lines.push_back(jsonl.substr(start, end - start));
    CHECK(start == jsonl.size());  // every line ends in a newline, nothing after the last
    return lines;
}
}  // namespace

TEST_CASE("batch input lines are the spec's BatchRequestInput, each body the live request's own") {
    std::vector<BatchItem> items = {{"a", live_request("gpt-4o-mini", "My mortgage payment was lost")},
                                    {"b", live_request("gpt-4o-mini", "Card charged twice \"again\"\nand again", false)}};
    const BatchInputs inputs = write_batch_inputs(items, "/v1/chat/completions");
    REQUIRE(inputs.refused.empty());
    REQUIRE(inputs.files.size() == 1);
    const BatchInputFile& file = inputs.files[0];
    CHECK(file.model == "gpt-4o-mini");
    CHECK(file.custom_ids == std::vector<std::string>{"a", "b"});
    const auto lines = lines_of(file.jsonl);
    REQUIRE(lines.size() == 2);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const json line = json::parse(lines[i]);
        REQUIRE(line.is_object());
        CHECK(line.size() == 4);
        CHECK(line["custom_id"] == items[i].custom_id);
        CHECK(line["method"] == "POST");  // the only method the spec allows
        CHECK(line["url"] == "/v1/chat/completions");
        REQUIRE(line["body"].is_object());
        CHECK(line["body"] == json::parse(items[i].request.body));
    }
}

TEST_CASE("Together's lines carry only custom_id and body, Azure's url is its own") {
    const auto items = items_of("meta-llama/Llama-3.3-70B-Instruct-Turbo", 2);
    const json together = json::parse(lines_of(write_batch_inputs(items, "").files.at(0).jsonl).at(0));
    CHECK(together.size() == 2);
    CHECK(together["custom_id"] == "row-100");
    CHECK(together["body"] == json::parse(items[0].request.body));
    const json azure = json::parse(lines_of(write_batch_inputs(items, "/chat/completions").files.at(0).jsonl).at(1));
    CHECK(azure["url"] == "/chat/completions");
    CHECK(azure["custom_id"] == "row-101");
}

TEST_CASE("batch input files split at exactly the request limit") {
    BatchInputLimits limits;
    limits.max_requests = 3;
    const auto inputs = write_batch_inputs(items_of("gpt-4o-mini", 7), "/v1/chat/completions", limits);
    REQUIRE(inputs.files.size() == 3);
    CHECK(inputs.files[0].custom_ids == std::vector<std::string>{"row-100", "row-101", "row-102"});
    CHECK(inputs.files[1].custom_ids == std::vector<std::string>{"row-103", "row-104", "row-105"});
    CHECK(inputs.files[2].custom_ids == std::vector<std::string>{"row-106"});
    CHECK(lines_of(inputs.files[2].jsonl).size() == 1);
    limits.max_requests = 7;
    CHECK(write_batch_inputs(items_of("gpt-4o-mini", 7), "/v1/chat/completions", limits).files.size() == 1);
}

TEST_CASE("batch input files split at exactly the byte limit") {
    const auto items = items_of("gpt-4o-mini", 5);
    const std::string whole = write_batch_inputs(items, "/v1/chat/completions").files.at(0).jsonl;
    const std::size_t line_bytes = lines_of(whole).at(0).size() + 1;
    REQUIRE(whole.size() == 5 * line_bytes);

    BatchInputLimits limits;
    limits.max_bytes = 2 * line_bytes;  // two lines fit exactly
    auto inputs = write_batch_inputs(items, "/v1/chat/completions", limits);
    REQUIRE(inputs.files.size() == 3);
    CHECK(inputs.files[0].jsonl.size() == 2 * line_bytes);
    CHECK(inputs.files[1].jsonl.size() == 2 * line_bytes);
    CHECK(inputs.files[2].jsonl.size() == line_bytes);
    CHECK(inputs.refused.empty());

    limits.max_bytes = 2 * line_bytes - 1;  // one byte short of two lines: one a file
    inputs = write_batch_inputs(items, "/v1/chat/completions", limits);
    CHECK(inputs.files.size() == 5);

    limits.max_bytes = line_bytes - 1;  // no line fits at all
    inputs = write_batch_inputs(items, "/v1/chat/completions", limits);
    CHECK(inputs.files.empty());
    REQUIRE(inputs.refused.size() == 5);
    CHECK(inputs.refused[0].custom_id == "row-100");
}

TEST_CASE("batch input files hold one model each, in the order models first appear") {
    std::vector<BatchItem> items;
    for (int i = 0; i < 5; ++i) {
        const std::string model = i % 2 ? "gpt-4.1-mini" : "gpt-4o-mini";
        items.push_back({"r" + std::to_string(i), live_request(model, "text " + std::to_string(i))});
    }
    const auto inputs = write_batch_inputs(items, "/v1/chat/completions");
    REQUIRE(inputs.files.size() == 2);
    CHECK(inputs.files[0].model == "gpt-4o-mini");
    CHECK(inputs.files[0].custom_ids == std::vector<std::string>{"r0", "r2", "r4"});
    CHECK(inputs.files[1].model == "gpt-4.1-mini");
    CHECK(inputs.files[1].custom_ids == std::vector<std::string>{"r1", "r3"});
    for (const auto& file : inputs.files) {
        for (const auto& line : lines_of(file.jsonl)) CHECK(json::parse(line)["body"]["model"] == file.model);
    }
}

TEST_CASE("requests no batch can take are refused by custom_id, the rest written") {
    std::vector<BatchItem> items = items_of("gpt-4o-mini", 2);
    items.push_back({"row-100", live_request("gpt-4o-mini", "same id again")});
    items.push_back({"", live_request("gpt-4o-mini", "no id")});
    BatchItem not_json{"broken", live_request("gpt-4o-mini", "x")};
    not_json.request.body = "[1, 2]";
    items.push_back(not_json);
    const auto inputs = write_batch_inputs(items, "/v1/chat/completions");
    REQUIRE(inputs.files.size() == 1);
    CHECK(inputs.files[0].custom_ids == std::vector<std::string>{"row-100", "row-101"});
    REQUIRE(inputs.refused.size() == 3);
    CHECK(inputs.refused[0].custom_id == "row-100");
    CHECK(inputs.refused[0].why.find("same custom_id") != std::string::npos);
    CHECK(inputs.refused[1].custom_id.empty());
    CHECK(inputs.refused[2].custom_id == "broken");
    CHECK(inputs.refused[2].why.find("not a JSON object") != std::string::npos);
}
