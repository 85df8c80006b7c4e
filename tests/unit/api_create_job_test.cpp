#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/api/create_job_flow.h"

using namespace tb::api;
using Kind = FlowStep::Kind;

namespace {
const Endpoint kEndpoint{"https://api.openai.com/v1", "sk", false};

CreateJob job_with_id() {
    CreateJob job;
    job.model = "gpt-4o-mini-2024-07-18";
    job.training_file = "file-train";
    job.client_id = "tb-0001";
    return job;
}

HttpResponse answer(int status, std::string body = "") {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

HttpResponse dropped() {
    HttpResponse response;
    response.failure = HttpResponse::Failure::Network;
    return response;
}

std::string job_json(const std::string& id, const std::string& client_id) {
    return R"({"id":")" + id + R"(","object":"fine_tuning.job","status":"validating_files","model":"gpt-4o-mini-2024-07-18","metadata":{"tuneboard_id":")" +
           client_id + R"("}})";
}

bool is_create(const HttpRequest& request) { return request.method == "POST" && request.url.find("/fine_tuning/jobs") != std::string::npos; }
bool is_list(const HttpRequest& request) { return request.method == "GET" && request.url.find("/fine_tuning/jobs?") != std::string::npos; }
}  // namespace

TEST_CASE("a job created at the first try is done") {
    CreateJobFlow flow(openai_job_dialect(), kEndpoint, job_with_id());
    const auto first = flow.start();
    REQUIRE(first.kind == Kind::Send);
    CHECK(is_create(first.request));
    CHECK(nlohmann::json::parse(first.request.body)["metadata"]["tuneboard_id"] == "tb-0001");
    const auto done = flow.on_response(answer(200, job_json("ftjob-1", "tb-0001")), 0, 0);
    REQUIRE(done.kind == Kind::Done);
    CHECK(flow.job().id == "ftjob-1");
    CHECK_FALSE(flow.adopted());
    CHECK(first.retry.max_retries == 0);  // the flow retries itself, listing first when the job may exist
}

TEST_CASE("after a dropped connection the job made anyway is adopted, not created twice") {
    CreateJobFlow flow(openai_job_dialect(), kEndpoint, job_with_id());
    flow.start();
    const auto wait = flow.on_response(dropped(), 0, 0);
    REQUIRE(wait.kind == Kind::Wait);
    CHECK(wait.wait_seconds == Approx(0.5));
    const auto list = flow.resume();
    REQUIRE(list.kind == Kind::Send);
    CHECK(is_list(list.request));
    const auto adopted = flow.on_response(
        answer(200, R"({"object":"list","has_more":false,"data":[)" + job_json("ftjob-other", "tb-9999") + "," +
                        job_json("ftjob-mine", "tb-0001") + "]}"),
        0, 0);
    REQUIRE(adopted.kind == Kind::Done);
    CHECK(flow.adopted());
    CHECK(flow.job().id == "ftjob-mine");
}

TEST_CASE("after a 5xx with no such job in the list, the create is sent again") {
    CreateJobFlow flow(openai_job_dialect(), kEndpoint, job_with_id());
    flow.start();
    REQUIRE(flow.on_response(answer(503), 0, 0).kind == Kind::Wait);
    REQUIRE(is_list(flow.resume().request));
    const auto again = flow.on_response(answer(200, R"({"object":"list","has_more":false,"data":[]})"), 0, 0);
    REQUIRE(again.kind == Kind::Send);
    CHECK(is_create(again.request));
    CHECK(flow.on_response(answer(200, job_json("ftjob-2", "tb-0001")), 0, 0).kind == Kind::Done);
}

TEST_CASE("a 429 rate limit waits and creates again without listing, a 4xx fails at once") {
    CreateJobFlow flow(openai_job_dialect(), kEndpoint, job_with_id());
    flow.start();
    HttpResponse limited = answer(429, R"({"error":{"message":"Rate limit","code":"rate_limit_exceeded"}})");
    limited.headers = {{"retry-after", "3"}};
    const auto wait = flow.on_response(limited, 0, 0);
    REQUIRE(wait.kind == Kind::Wait);
    CHECK(wait.wait_seconds == Approx(3.0));
    CHECK(is_create(flow.resume().request));

    CreateJobFlow refused(openai_job_dialect(), kEndpoint, job_with_id());
    refused.start();
    const auto failed = refused.on_response(
        answer(403, R"({"error":{"message":"not available","code":"training_not_available"}})"), 0, 0);
    REQUIRE(failed.kind == Kind::Failed);
    CHECK(failed.error.code == "training_not_available");
}

TEST_CASE("when retries run out after an ambiguous failure, the person is told to look before paying again") {
    CreateJobFlow flow(openai_job_dialect(), kEndpoint, job_with_id(), RetryPolicy{1, 60});
    flow.start();
    REQUIRE(flow.on_response(dropped(), 0, 0).kind == Kind::Wait);
    REQUIRE(is_list(flow.resume().request));
    const auto failed = flow.on_response(dropped(), 0, 0);
    REQUIRE(failed.kind == Kind::Failed);
    CHECK(failed.error.guidance.find("pay twice") != std::string::npos);
    CHECK(flow.may_exist());
}

TEST_CASE("stopping while the create is out leaves a job that may exist, to be found by its client id") {
    CreateJobFlow flow(openai_job_dialect(), kEndpoint, job_with_id());
    REQUIRE(is_create(flow.start().request));
    const auto stopped = flow.stop_waiting();
    REQUIRE(stopped.kind == Kind::Failed);
    CHECK(flow.may_exist());
    CHECK(stopped.error.guidance.find("tb-0001") != std::string::npos);

    // Still queued behind other requests, it never reached the provider.
    CreateJobFlow queued(openai_job_dialect(), kEndpoint, job_with_id());
    queued.start();
    REQUIRE(queued.stop_waiting(/*sent=*/false).kind == Kind::Failed);
    CHECK_FALSE(queued.may_exist());
}

TEST_CASE("stopping while the list after an ambiguous failure is out, or while waiting to list, still may have made the job") {
    CreateJobFlow listing(openai_job_dialect(), kEndpoint, job_with_id());
    listing.start();
    REQUIRE(listing.on_response(dropped(), 0, 0).kind == Kind::Wait);
    REQUIRE(is_list(listing.resume().request));
    listing.stop_waiting();
    CHECK(listing.may_exist());

    CreateJobFlow waiting(openai_job_dialect(), kEndpoint, job_with_id());
    waiting.start();
    REQUIRE(waiting.on_response(answer(503), 0, 0).kind == Kind::Wait);
    waiting.stop_waiting();
    CHECK(waiting.may_exist());
}

TEST_CASE("stopping while a create waits to be retried after a 429 made nothing") {
    CreateJobFlow flow(openai_job_dialect(), kEndpoint, job_with_id());
    flow.start();
    HttpResponse limited = answer(429, R"({"error":{"message":"Rate limit","code":"rate_limit_exceeded"}})");
    limited.headers = {{"retry-after", "3"}};
    REQUIRE(flow.on_response(limited, 0, 0).kind == Kind::Wait);
    const auto stopped = flow.stop_waiting();
    REQUIRE(stopped.kind == Kind::Failed);
    CHECK_FALSE(flow.may_exist());
    CHECK(stopped.error.guidance.empty());
}

TEST_CASE("a refused list after an ambiguous failure still may have made the job, a refused create did not") {
    CreateJobFlow flow(openai_job_dialect(), kEndpoint, job_with_id());
    flow.start();
    REQUIRE(flow.on_response(answer(502), 0, 0).kind == Kind::Wait);
    REQUIRE(is_list(flow.resume().request));
    const auto failed = flow.on_response(answer(401, R"({"error":{"message":"Incorrect API key","code":"invalid_api_key"}})"), 0, 0);
    REQUIRE(failed.kind == Kind::Failed);
    CHECK(failed.error.status == 401);
    CHECK(flow.may_exist());

    CreateJobFlow refused(openai_job_dialect(), kEndpoint, job_with_id());
    refused.start();
    const auto no = refused.on_response(answer(400, R"({"error":{"message":"invalid training_file","code":"invalid_request"}})"), 0, 0);
    REQUIRE(no.kind == Kind::Failed);
    CHECK_FALSE(refused.may_exist());
}

TEST_CASE("client ids differ by seed and look alike") {
    CHECK(make_client_id(1) != make_client_id(2));
    CHECK(make_client_id(1).size() == 19);
    CHECK(make_client_id(1).rfind("tb-", 0) == 0);
}
