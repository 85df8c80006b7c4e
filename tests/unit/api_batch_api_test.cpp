#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/api/batch_api.h"
#include "http_fixtures.h"

using namespace tb::api;
using tb::api::testing::ok;
using nlohmann::json;

namespace {
const Endpoint kEndpoint{"https://api.openai.com/v1/", "sk", false};

// The spec's own example of the batch object (Batch, x-oaiMeta).
const char* kSpecBatch = R"({
  "id": "batch_abc123", "object": "batch", "endpoint": "/v1/completions", "model": "gpt-5-2025-08-07",
  "errors": null, "input_file_id": "file-abc123", "completion_window": "24h", "status": "completed",
  "output_file_id": "file-cvaTdG", "error_file_id": "file-HOWS94", "created_at": 1711471533,
  "in_progress_at": 1711471538, "expires_at": 1711557933, "finalizing_at": 1711493133,
  "completed_at": 1711493163, "failed_at": null, "expired_at": null, "cancelling_at": null,
  "cancelled_at": null, "request_counts": {"total": 100, "completed": 95, "failed": 5},
  "metadata": {"customer_id": "user_123456789", "tuneboard_client_id": "tb-0001"}})";
}  // namespace

TEST_CASE("the spec's batch object is read whole") {
    const auto parsed = openai::parse_batch(ok(kSpecBatch));
    REQUIRE(value_of(parsed));
    const Batch& batch = *value_of(parsed);
    CHECK(batch.id == "batch_abc123");
    CHECK(batch.status == BatchStatus::Completed);
    CHECK(batch.status_text == "completed");
    CHECK(batch.model == "gpt-5-2025-08-07");
    CHECK(batch.input_file_id == "file-abc123");
    CHECK(batch.output_file_id == "file-cvaTdG");
    CHECK(batch.error_file_id == "file-HOWS94");
    CHECK(batch.created_at == 1711471533);
    CHECK(batch.expires_at == 1711557933);
    CHECK(batch.counts.total == 100);
    CHECK(batch.counts.completed == 95);
    CHECK(batch.counts.failed == 5);
    CHECK(batch.client_id == "tb-0001");
    CHECK(batch.error.empty());
}

TEST_CASE("batch statuses: OpenAI's words, Together's capitals, and which are final") {
    const std::vector<std::pair<const char*, BatchStatus>> cases = {
        {"validating", BatchStatus::Validating}, {"IN_PROGRESS", BatchStatus::InProgress},
        {"finalizing", BatchStatus::Finalizing}, {"COMPLETED", BatchStatus::Completed},
        {"failed", BatchStatus::Failed},         {"EXPIRED", BatchStatus::Expired},
        {"cancelling", BatchStatus::Cancelling}, {"CANCELLED", BatchStatus::Cancelled},
        {"paused", BatchStatus::Unknown}};
    int finals = 0;
    for (const auto& [text, status] : cases) {
        CHECK(batch_status_from(text) == status);
        finals += is_final(status) ? 1 : 0;
    }
    CHECK(finals == 4);
    CHECK(batch_status_key(BatchStatus::InProgress) == "in_progress");
}

TEST_CASE("a failed batch's errors are kept with their input lines") {
    const auto parsed = openai::parse_batch(ok(
        R"({"id":"batch_1","status":"failed","errors":{"object":"list","data":[{"code":"invalid_json","message":"Line is not JSON.","line":3},{"code":"too_many_models","message":null,"line":null}]}})"));
    REQUIRE(value_of(parsed));
    CHECK(value_of(parsed)->error == "line 3: Line is not JSON.; too_many_models");
}

TEST_CASE("OpenAI batch requests: upload purpose batch, create with metadata, list, get, cancel, content") {
    const BatchApi api = batch_api(Dialect::OpenAi);
    CHECK(api.line_url == "/v1/chat/completions");
    const HttpRequest upload = api.upload(kEndpoint, "tb-1.jsonl", "{\"custom_id\":\"a\"}\n", 7);
    CHECK(upload.method == "POST");
    CHECK(upload.url == "https://api.openai.com/v1/files");
    CHECK(upload.kind == RequestKind::Upload);
    CHECK(upload.body.find("name=\"purpose\"\r\n\r\nbatch\r\n") != std::string::npos);
    CHECK(upload.body.find("filename=\"tb-1.jsonl\"") != std::string::npos);

    const HttpRequest create = api.create(kEndpoint, "file-9", "tb-0001");
    CHECK(create.url == "https://api.openai.com/v1/batches");
    CHECK(json::parse(create.body) == json{{"input_file_id", "file-9"},
                                           {"endpoint", "/v1/chat/completions"},
                                           {"completion_window", "24h"},
                                           {"metadata", {{"tuneboard_client_id", "tb-0001"}}}});
    CHECK(api.list(kEndpoint, "").url == "https://api.openai.com/v1/batches?limit=100");
    CHECK(api.list(kEndpoint, "batch_7").url == "https://api.openai.com/v1/batches?limit=100&after=batch_7");
    CHECK(api.get(kEndpoint, "batch_7").url == "https://api.openai.com/v1/batches/batch_7");
    const HttpRequest cancel = api.cancel(kEndpoint, "batch_7");
    CHECK(cancel.method == "POST");
    CHECK(cancel.url == "https://api.openai.com/v1/batches/batch_7/cancel");
    const HttpRequest content = api.file_content(kEndpoint, "file-out");
    CHECK(content.url == "https://api.openai.com/v1/files/file-out/content");
    CHECK(content.kind == RequestKind::BatchFile);

    const BatchApi azure = batch_api(Dialect::OpenAi, true);
    CHECK(azure.line_url == "/chat/completions");
    CHECK(json::parse(azure.create(kEndpoint, "file-9", "tb-0001").body)["endpoint"] == "/chat/completions");
}

TEST_CASE("batch lists: OpenAI's page, Together's bare array, and finding ours by client id or input file") {
    const auto page = openai::parse_batches(ok(
        R"({"object":"list","data":[{"id":"batch_2","status":"in_progress","input_file_id":"file-2"},7,{"status":"x"},{"id":"batch_1","status":"completed","metadata":{"tuneboard_client_id":"tb-1"}}],"has_more":true})"));
    REQUIRE(value_of(page));
    REQUIRE(value_of(page)->batches.size() == 2);
    CHECK(value_of(page)->has_more);
    const auto& batches = value_of(page)->batches;
    CHECK(find_batch(batches, "tb-1", "")->id == "batch_1");
    CHECK(find_batch(batches, "tb-9", "file-2")->id == "batch_2");
    CHECK(find_batch(batches, "tb-9", "file-9") == nullptr);
    CHECK(find_batch(batches, "", "") == nullptr);

    const BatchApi together = batch_api(Dialect::Together);
    const auto array = together.parse_list(ok(
        R"([{"id":"b-1","status":"IN_PROGRESS","input_file_id":"file-t","created_at":"2024-01-15T14:30:00Z","job_deadline":"2024-01-16T14:30:00Z"}])"));
    REQUIRE(value_of(array));
    REQUIRE(value_of(array)->batches.size() == 1);
    const Batch& t = value_of(array)->batches[0];
    CHECK(t.status == BatchStatus::InProgress);
    CHECK(t.created_at == 1705329000);
    CHECK(t.expires_at == 1705329000 + 86400);
    CHECK_FALSE(value_of(array)->has_more);
}

TEST_CASE("Together batch requests: purpose batch-api, create without metadata answered as {job}") {
    const BatchApi api = batch_api(Dialect::Together);
    CHECK(api.line_url.empty());
    const HttpRequest upload = api.upload({"https://api.together.xyz/v1", "k", false}, "tb.jsonl", "{}\n", 1);
    CHECK(upload.url == "https://api.together.xyz/v1/files/upload");
    CHECK(upload.body.find("name=\"purpose\"\r\n\r\nbatch-api\r\n") != std::string::npos);
    const json body = json::parse(api.create({"https://api.together.xyz/v1", "k", false}, "file-t", "tb-1").body);
    CHECK(body == json{{"input_file_id", "file-t"}, {"endpoint", "/v1/chat/completions"}, {"completion_window", "24h"}});
    const auto created = api.parse_created(ok(
        R"({"job":{"id":"b-2","status":"VALIDATING","input_file_id":"file-t","error":""},"warning":"w"})"));
    REQUIRE(value_of(created));
    CHECK(value_of(created)->id == "b-2");
    CHECK(value_of(created)->status == BatchStatus::Validating);
    CHECK(value_of(created)->error.empty());
    const auto failed = api.parse_batch(ok(R"({"id":"b-3","status":"FAILED","error":"bad input"})"));
    REQUIRE(value_of(failed));
    CHECK(value_of(failed)->error == "bad input");
}

TEST_CASE("batch answers that are not the promised JSON become errors, not throws") {
    HttpResponse broken = ok("{\"id\": ");
    CHECK(std::holds_alternative<ApiError>(openai::parse_batch(broken)));
    CHECK(std::holds_alternative<ApiError>(openai::parse_batches(ok("[1]"))));
    HttpResponse refused;
    refused.status = 404;
    refused.body = R"({"error":{"message":"No batch found with id 'batch_x'.","type":"invalid_request_error"}})";
    const auto error = together::parse_batches(refused);
    REQUIRE(std::holds_alternative<ApiError>(error));
    CHECK(std::get<ApiError>(error).message == "No batch found with id 'batch_x'.");
}
