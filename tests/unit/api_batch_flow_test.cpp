#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/api/batch_flow.h"
#include "core/api/one_request_flow.h"
#include "http_fixtures.h"

using namespace tb::api;
using tb::api::testing::answer;
using tb::api::testing::dropped;
using tb::api::testing::ok;
using nlohmann::json;
using Kind = FlowStep::Kind;

namespace {
const Endpoint kEndpoint{"https://api.openai.com/v1", "sk", false};
const std::string kClient = "tb-00c1";

BatchInputFile input_of(std::vector<std::string> ids) {
    BatchInputFile input;
    input.model = "gpt-4o-mini";
    for (const auto& id : ids) input.jsonl += R"({"custom_id":")" + id + R"(","method":"POST","url":"/v1/chat/completions","body":{}})" "\n";
    input.custom_ids = std::move(ids);
    return input;
}

BatchFlowSettings quick() {
    BatchFlowSettings settings;
    settings.poll_seconds = 0;
    settings.max_poll_seconds = 0;
    return settings;
}

// What was saved of a batch already created.
BatchRecord created_record(std::vector<std::string> custom_ids = {}) {
    BatchRecord record;
    record.client_id = kClient;
    record.input_file_id = "file-in";
    record.batch_id = "batch_1";
    record.custom_ids = std::move(custom_ids);
    return record;
}

std::string batch_json(const std::string& id, const std::string& status, json extra = json::object()) {
    json batch = {{"id", id}, {"object", "batch"}, {"endpoint", "/v1/chat/completions"}, {"input_file_id", "file-in"},
                  {"completion_window", "24h"}, {"status", status}, {"created_at", 1700000000}, {"expires_at", 1700086400},
                  {"metadata", {{"tuneboard_client_id", kClient}}}};
    batch.update(extra);
    return batch.dump();
}

std::string list_json(std::vector<std::string> batches, bool has_more = false) {
    json data = json::array();
    for (const auto& b : batches) data.push_back(json::parse(b));
    return json{{"object", "list"}, {"data", data}, {"has_more", has_more}}.dump();
}

std::string out_line(const std::string& id, const std::string& label) {
    return json{{"id", "r" + id}, {"custom_id", id},
                {"response", {{"status_code", 200}, {"request_id", "q"}, {"body", {{"choices", {{{"message", {{"content", label}}}}}}}}}},
                {"error", nullptr}}.dump() + "\n";
}

std::string err_line(const std::string& id, const std::string& code) {
    return json{{"id", "r" + id}, {"custom_id", id}, {"response", nullptr}, {"error", {{"code", code}, {"message", "not run"}}}}.dump() + "\n";
}

bool is(const FlowStep& step, const std::string& method, const std::string& url_tail) {
    if (step.kind != Kind::Send || step.request.method != method) return false;
    const std::string& url = step.request.url;
    return url.size() >= url_tail.size() && url.compare(url.size() - url_tail.size(), url_tail.size(), url_tail) == 0;
}

const char* kCreate = "/batches";
const char* kList = "/batches?limit=100";
}  // namespace

TEST_CASE("a batch goes upload → create → watch with growing waits → output and error files → done") {
    BatchFlow flow(batch_api(Dialect::OpenAi), kEndpoint, input_of({"a", "b", "c"}), kClient);
    auto step = flow.start();
    REQUIRE(is(step, "POST", "/files"));
    CHECK(step.request.body.find("\"custom_id\":\"b\"") != std::string::npos);
    CHECK(step.retry.max_retries == 2);
    CHECK(step.doing.find("Uploading") == 0);

    CHECK(flow.input_bytes() > 0);
    step = flow.on_response(ok(R"({"id":"file-in","object":"file","purpose":"batch"})"), 0, 0);
    REQUIRE(is(step, "POST", kCreate));
    CHECK(flow.input_bytes() == 0);  // uploaded: the file's bytes are not held for the batch's day
    CHECK(step.retry.max_retries == 0);  // never resent by the runner
    const json create = json::parse(step.request.body);
    CHECK(create["input_file_id"] == "file-in");
    CHECK(create["metadata"]["tuneboard_client_id"] == kClient);
    CHECK(flow.record().input_file_id == "file-in");

    step = flow.on_response(ok(batch_json("batch_1", "validating")), 0, 0);
    REQUIRE(step.kind == Kind::Wait);
    CHECK(step.wait_seconds == Approx(5));
    CHECK(flow.record().batch_id == "batch_1");
    CHECK(flow.record().status == "validating");
    CHECK(flow.record().expires_at == 1700086400);

    // 5 s growing by half up to 60 s.
    const std::vector<double> waits = {7.5, 11.25, 16.875, 25.3125, 37.96875, 56.953125, 60, 60};
    for (double expected : waits) {
        step = flow.resume();
        REQUIRE(is(step, "GET", "/batches/batch_1"));
        step = flow.on_response(ok(batch_json("batch_1", "in_progress", {{"request_counts", {{"total", 3}, {"completed", 1}, {"failed", 0}}}})), 0, 0);
        REQUIRE(step.kind == Kind::Wait);
        CHECK(step.wait_seconds == Approx(expected));
    }
    CHECK(flow.record().counts.completed == 1);
    step = flow.resume();
    CHECK(step.doing == "Checking the batch (in_progress, 1 of 3 done)…");
    step = flow.on_response(ok(batch_json("batch_1", "completed", {{"output_file_id", "file-out"}, {"error_file_id", "file-err"},
                                                                   {"request_counts", {{"total", 3}, {"completed", 2}, {"failed", 1}}}})), 0, 0);
    REQUIRE(is(step, "GET", "/files/file-out/content"));
    CHECK(step.request.kind == RequestKind::BatchFile);
    step = flow.on_response(ok(out_line("c", "Mortgage") + out_line("a", "Credit card")), 0, 0);
    REQUIRE(is(step, "GET", "/files/file-err/content"));
    step = flow.on_response(ok(json{{"id", "rb"}, {"custom_id", "b"}, {"response", {{"status_code", 400}, {"body", {{"error", {{"message", "bad"}}}}}}}}.dump()), 0, 0);
    REQUIRE(step.kind == Kind::Done);
    REQUIRE(flow.answers().size() == 3);
    CHECK(flow.answers()[0].custom_id == "c");
    CHECK(flow.answers()[2].response.status == 400);
    CHECK(flow.not_done().empty());
    CHECK(flow.record().status == "completed");
    CHECK(flow.record().counts.failed == 1);
    CHECK(flow.record().output_file_id == "file-out");
    CHECK_FALSE(flow.adopted());
}

TEST_CASE("an unanswered create is looked for and adopted, never sent twice") {
    BatchFlow flow(batch_api(Dialect::OpenAi), kEndpoint, input_of({"a"}), kClient, quick());
    flow.start();
    auto step = flow.on_response(ok(R"({"id":"file-in"})"), 0, 0);
    REQUIRE(is(step, "POST", kCreate));
    step = flow.on_response(dropped(), 0, 0);
    REQUIRE(step.kind == Kind::Wait);
    CHECK(step.wait_seconds == Approx(0.5));
    step = flow.resume();
    REQUIRE(is(step, "GET", kList));
    const std::string other = batch_json("batch_other", "completed", {{"metadata", {{"tuneboard_client_id", "tb-else"}}}, {"input_file_id", "file-x"}});
    step = flow.on_response(ok(list_json({other, batch_json("batch_ours", "in_progress")})), 0, 0);
    REQUIRE(step.kind == Kind::Wait);
    CHECK(flow.adopted());
    CHECK(flow.record().batch_id == "batch_ours");
    step = flow.resume();
    CHECK(is(step, "GET", "/batches/batch_ours"));
}

TEST_CASE("an unsure create that the list does not show is created again, after every page") {
    BatchFlow flow(batch_api(Dialect::OpenAi), kEndpoint, input_of({"a"}), kClient, quick());
    flow.start();
    flow.on_response(ok(R"({"id":"file-in"})"), 0, 0);
    auto step = flow.on_response(answer(502, "<html>bad gateway</html>"), 0, 0);
    REQUIRE(step.kind == Kind::Wait);
    step = flow.resume();
    REQUIRE(is(step, "GET", kList));
    const std::string other = batch_json("batch_9", "completed", {{"metadata", json::object()}, {"input_file_id", "file-x"}});
    step = flow.on_response(ok(list_json({other}, true)), 0, 0);
    REQUIRE(is(step, "GET", "/batches?limit=100&after=batch_9"));
    step = flow.on_response(ok(list_json({})), 0, 0);
    REQUIRE(is(step, "POST", kCreate));
    step = flow.on_response(ok(batch_json("batch_2", "validating")), 0, 0);
    CHECK(step.kind == Kind::Wait);
    CHECK(flow.record().batch_id == "batch_2");
    CHECK_FALSE(flow.adopted());
}

TEST_CASE("a create refused for good fails, one refused for now is sent again, not looked for") {
    SECTION("400") {
        BatchFlow flow(batch_api(Dialect::OpenAi), kEndpoint, input_of({"a"}), kClient, quick());
        flow.start();
        flow.on_response(ok(R"({"id":"file-in"})"), 0, 0);
        const auto step = flow.on_response(answer(400, R"({"error":{"message":"Invalid endpoint","code":"invalid_value"}})"), 0, 0);
        REQUIRE(step.kind == Kind::Failed);
        CHECK(step.error.status == 400);
        CHECK(step.error.message == "Invalid endpoint");
        CHECK(flow.record().batch_id.empty());
    }
    SECTION("429") {
        BatchFlow flow(batch_api(Dialect::OpenAi), kEndpoint, input_of({"a"}), kClient, quick());
        flow.start();
        flow.on_response(ok(R"({"id":"file-in"})"), 0, 0);
        HttpResponse limited = answer(429, R"({"error":{"message":"slow down","code":"rate_limit_exceeded"}})");
        limited.headers = {{"retry-after-ms", "1500"}};
        auto step = flow.on_response(limited, 0, 0);
        REQUIRE(step.kind == Kind::Wait);
        CHECK(step.wait_seconds == Approx(1.5));
        CHECK(is(flow.resume(), "POST", kCreate));
    }
    SECTION("unsure every time until the retries are spent: failed, saying it may exist") {
        BatchFlow flow(batch_api(Dialect::OpenAi), kEndpoint, input_of({"a"}), kClient, quick());
        flow.start();
        auto step = flow.on_response(ok(R"({"id":"file-in"})"), 0, 0);
        for (int i = 0; i < 2; ++i) {
            step = flow.on_response(answer(500), 0, 0);
            REQUIRE(step.kind == Kind::Wait);
            REQUIRE(is(flow.resume(), "GET", kList));
            REQUIRE(is(flow.on_response(ok(list_json({})), 0, 0), "POST", kCreate));
        }
        step = flow.on_response(answer(500), 0, 0);
        REQUIRE(step.kind == Kind::Failed);
        CHECK(step.error.guidance.find(kClient) != std::string::npos);
    }
}

TEST_CASE("an expired batch gives its finished answers and names the rest to ask again") {
    BatchFlow flow(batch_api(Dialect::OpenAi), kEndpoint, created_record({"a", "b", "c", "d"}), {}, quick());
    auto step = flow.start();
    REQUIRE(is(step, "GET", "/batches/batch_1"));
    step = flow.on_response(ok(batch_json("batch_1", "expired", {{"output_file_id", "file-out"}, {"error_file_id", "file-err"}})), 0, 0);
    REQUIRE(is(step, "GET", "/files/file-out/content"));
    step = flow.on_response(ok(out_line("b", "Mortgage") + "garbage\n"), 0, 0);
    REQUIRE(is(step, "GET", "/files/file-err/content"));
    step = flow.on_response(ok(err_line("c", "batch_expired")), 0, 0);
    REQUIRE(step.kind == Kind::Done);
    REQUIRE(flow.answers().size() == 2);
    REQUIRE(flow.answers()[1].failure);
    CHECK(flow.answers()[1].failure->code == "batch_expired");
    CHECK(flow.not_done() == std::vector<std::string>{"a", "c", "d"});
    CHECK(flow.problems() == std::vector<std::string>{"output file line 2: it is not valid JSON (line 1, column 1)"});
}

TEST_CASE("a failed batch fails with the provider's reasons") {
    BatchFlow flow(batch_api(Dialect::OpenAi), kEndpoint, created_record(), {}, quick());
    flow.start();
    const auto step = flow.on_response(
        ok(batch_json("batch_1", "failed", {{"errors", {{"data", {{{"code", "invalid_json"}, {"message", "Bad line."}, {"line", 2}}}}}}})), 0, 0);
    REQUIRE(step.kind == Kind::Failed);
    CHECK(step.error.message == "The provider failed the batch: line 2: Bad line.");
    CHECK(flow.record().status == "failed");
}

TEST_CASE("looks that fail: retried at the poll pace, refused for good, or given up after many") {
    const BatchRecord record = created_record();
    BatchFlowSettings settings = quick();
    settings.max_failed_looks = 3;
    BatchFlow flow(batch_api(Dialect::OpenAi), kEndpoint, record, {}, settings);
    flow.start();
    CHECK(flow.on_response(answer(503), 0, 0).kind == Kind::Wait);
    CHECK(is(flow.resume(), "GET", "/batches/batch_1"));
    CHECK(flow.on_response(dropped(), 0, 0).kind == Kind::Wait);
    flow.resume();
    const auto gave_up = flow.on_response(answer(500), 0, 0);
    REQUIRE(gave_up.kind == Kind::Failed);
    CHECK(gave_up.error.guidance.find("batch_1") != std::string::npos);

    BatchFlow gone(batch_api(Dialect::OpenAi), kEndpoint, record, {}, quick());
    gone.start();
    const auto not_found = gone.on_response(answer(404, R"({"error":{"message":"No batch found"}})"), 0, 0);
    REQUIRE(not_found.kind == Kind::Failed);
    CHECK(not_found.error.message == "No batch found");
}

TEST_CASE("resuming from a saved record at each stage") {
    SECTION("nothing uploaded: uploads the input given, taking its questions") {
        BatchRecord record;
        record.client_id = kClient;
        BatchFlow flow(batch_api(Dialect::OpenAi), kEndpoint, record, input_of({"x", "y"}), quick());
        CHECK(is(flow.start(), "POST", "/files"));
        CHECK(flow.record().custom_ids == std::vector<std::string>{"x", "y"});
        BatchFlow empty(batch_api(Dialect::OpenAi), kEndpoint, record, {}, quick());
        CHECK(empty.start().kind == Kind::Failed);
    }
    SECTION("uploaded, not known to be created: lists first and adopts by client id") {
        BatchRecord record = created_record();
        record.batch_id.clear();
        BatchFlow flow(batch_api(Dialect::OpenAi), kEndpoint, record, {}, quick());
        REQUIRE(is(flow.start(), "GET", kList));
        const auto step = flow.on_response(ok(list_json({batch_json("batch_5", "finalizing")})), 0, 0);
        CHECK(step.kind == Kind::Wait);
        CHECK(flow.adopted());
        CHECK(flow.record().batch_id == "batch_5");
    }
    SECTION("uploaded, not created: the list is empty, so it creates") {
        BatchRecord record = created_record();
        record.batch_id.clear();
        BatchFlow flow(batch_api(Dialect::Together), kEndpoint, record, {}, quick());
        REQUIRE(is(flow.start(), "GET", "/batches"));
        REQUIRE(is(flow.on_response(ok("[]"), 0, 0), "POST", "/batches"));
    }
    SECTION("Together: adopted by its input file, as it keeps no metadata") {
        BatchRecord record = created_record();
        record.batch_id.clear();
        record.input_file_id = "file-t";
        BatchFlow flow(batch_api(Dialect::Together), kEndpoint, record, {}, quick());
        flow.start();
        flow.on_response(ok(R"([{"id":"b-1","status":"COMPLETED","input_file_id":"file-t","output_file_id":"file-o"}])"), 0, 0);
        CHECK(flow.adopted());
        CHECK(flow.record().batch_id == "b-1");
    }
    SECTION("finished but the answers not saved: looks and reads the files again") {
        BatchRecord record = created_record({"a"});
        record.status = "completed";
        BatchFlow flow(batch_api(Dialect::OpenAi), kEndpoint, record, {}, quick());
        REQUIRE(is(flow.start(), "GET", "/batches/batch_1"));
        REQUIRE(is(flow.on_response(ok(batch_json("batch_1", "completed", {{"output_file_id", "file-out"}})), 0, 0), "GET", "/files/file-out/content"));
        CHECK(flow.on_response(ok(out_line("a", "Mortgage")), 0, 0).kind == Kind::Done);
        CHECK(flow.not_done().empty());
    }
    SECTION("an output file that cannot be read fails, keeping the batch to read again") {
        BatchFlow flow(batch_api(Dialect::OpenAi), kEndpoint, created_record(), {}, quick());
        flow.start();
        flow.on_response(ok(batch_json("batch_1", "completed", {{"output_file_id", "file-out"}})), 0, 0);
        const auto step = flow.on_response(answer(404, R"({"error":{"message":"No such File object: file-out"}})"), 0, 0);
        REQUIRE(step.kind == Kind::Failed);
        CHECK(step.error.message == "No such File object: file-out");
        CHECK(flow.record().batch_id == "batch_1");
    }
}

TEST_CASE("a cancel asks the provider, the watching flow then reads what was finished") {
    // One request (the app runs it as a OneRequestFlow): its answer is the batch, cancelling.
    const BatchApi api = batch_api(Dialect::OpenAi);
    OneRequestFlow cancel(api.cancel(kEndpoint, "batch_1"));
    REQUIRE(is(cancel.start(), "POST", "/batches/batch_1/cancel"));
    CHECK(cancel.on_response(ok(batch_json("batch_1", "cancelling")), 0, 0).kind == Kind::Done);
    const auto cancelling = api.parse_batch(cancel.response());
    REQUIRE(value_of(cancelling) != nullptr);
    CHECK(value_of(cancelling)->status == BatchStatus::Cancelling);
    const auto late = api.parse_batch(answer(400, R"({"error":{"message":"Cannot cancel a batch with status 'completed'."}})"));
    REQUIRE(std::holds_alternative<ApiError>(late));
    CHECK(std::get<ApiError>(late).message == "Cannot cancel a batch with status 'completed'.");

    BatchFlow watch(batch_api(Dialect::OpenAi), kEndpoint, created_record({"a", "b"}), {}, quick());
    watch.start();
    CHECK(watch.on_response(ok(batch_json("batch_1", "cancelling")), 0, 0).kind == Kind::Wait);
    watch.resume();
    REQUIRE(is(watch.on_response(ok(batch_json("batch_1", "cancelled", {{"output_file_id", "file-out"}})), 0, 0), "GET", "/files/file-out/content"));
    CHECK(watch.on_response(ok(out_line("a", "Mortgage")), 0, 0).kind == Kind::Done);
    CHECK(watch.not_done() == std::vector<std::string>{"b"});
}

TEST_CASE("a batch record saves and reads back, and a damaged one is refused without a throw") {
    BatchRecord record;
    record.client_id = kClient;
    record.input_file_id = "file-in";
    record.batch_id = "batch_1";
    record.status = "in_progress";
    record.counts = {10, 4, 1};
    record.output_file_id = "file-out";
    record.error_file_id = "file-err";
    record.created_at = 1700000000;
    record.expires_at = 1700086400;
    record.custom_ids = {"a", "b"};
    std::string problem;
    const auto back = batch_record_from_json(json::parse(to_json(record).dump()), problem);
    REQUIRE(back);
    CHECK(problem.empty());
    CHECK(to_json(*back) == to_json(record));
    CHECK(back->counts.completed == 4);
    CHECK(back->custom_ids == record.custom_ids);

    const json good = to_json(record);
    const std::vector<std::pair<json, std::string>> damaged = {
        {json::array(), "not a JSON object"},
        {nullptr, "not a JSON object"},
        {[&] { json j = good; j.erase("clientId"); return j; }(), "has no clientId"},
        {[&] { json j = good; j["clientId"] = ""; return j; }(), "clientId is empty"},
        {[&] { json j = good; j["batchId"] = 7; return j; }(), "batchId is not a short text"},
        {[&] { json j = good; j["batchId"] = std::string(600, 'x'); return j; }(), "batchId is not a short text"},
        {[&] { json j = good; j["counts"]["total"] = -1; return j; }(), "total is not a count"},
        {[&] { json j = good; j["counts"] = "many"; return j; }(), "counts are not an object"},
        {[&] { json j = good; j["expiresAt"] = 1.5; return j; }(), "expiresAt is not a count"},
        {[&] { json j = good; j["customIds"] = {"a", "a"}; return j; }(), "repeated"},
        {[&] { json j = good; j["customIds"] = {"a", 3}; return j; }(), "repeated"},
        {[&] { json j = good; j["customIds"] = "a"; return j; }(), "customIds are not a list"},
    };
    for (const auto& [bad, why] : damaged) {
        std::string said;
        CHECK_FALSE(batch_record_from_json(bad, said));
        CHECK(said.find(why) != std::string::npos);
    }
    // Only the client id is needed: a record saved before the upload.
    const auto minimal = batch_record_from_json(json{{"clientId", kClient}}, problem);
    REQUIRE(minimal);
    CHECK(minimal->batch_id.empty());
}
