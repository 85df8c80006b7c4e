#include <catch2/catch.hpp>

#include "core/api/one_request_flow.h"
#include "core/api/upload_flow.h"
#include "core/text/format.h"
#include "http_fixtures.h"

using namespace tb::api;
using tb::api::testing::ok;
using Kind = FlowStep::Kind;

namespace {
const Endpoint kEndpoint{"https://api.openai.com/v1", "sk", false};
const std::string kTraining = "{\"messages\":[]}\n{\"messages\":[]}\n";

UploadFlow upload_with(const UploadCache& cache, const std::string& profile = "openai") {
    return UploadFlow(fine_tune_api(Dialect::OpenAi), kEndpoint, profile, "training.jsonl", kTraining, 7, cache);
}
}  // namespace

TEST_CASE("a file the provider has already is not uploaded again") {
    UploadCache cache;
    cache.remember({"openai", UploadCache::hash_of(kTraining), "file-known", kTraining.size()});
    UploadFlow flow = upload_with(cache);
    REQUIRE(flow.start().kind == Kind::Done);
    CHECK(flow.file_id() == "file-known");
    CHECK_FALSE(flow.uploaded());  // nothing new to remember

    // The same bytes at another provider are uploaded there.
    UploadFlow elsewhere = upload_with(cache, "azure");
    CHECK(elsewhere.start().kind == Kind::Send);
}

TEST_CASE("a file uploaded is remembered by its content") {
    UploadFlow flow = upload_with(UploadCache{});
    const auto send = flow.start();
    REQUIRE(send.kind == Kind::Send);
    CHECK(send.request.method == "POST");
    CHECK(send.request.url == "https://api.openai.com/v1/files");
    CHECK(send.doing == "Uploading training.jsonl (" + tb::text::format_bytes(kTraining.size()) + ")…");
    CHECK(send.retry.max_retries == RetryPolicy{}.max_retries);

    REQUIRE(flow.on_response(ok(R"({"id":"file-new","object":"file","bytes":32,"purpose":"fine-tune"})"), 0, 0).kind ==
            Kind::Done);
    CHECK(flow.file_id() == "file-new");
    REQUIRE(flow.uploaded());
    CHECK(flow.uploaded()->profile == "openai");
    CHECK(flow.uploaded()->file_id == "file-new");
    CHECK(flow.uploaded()->content_hash == UploadCache::hash_of(kTraining));
    CHECK(flow.uploaded()->bytes == kTraining.size());
}

TEST_CASE("a refused upload fails with the provider's reason") {
    UploadFlow flow = upload_with(UploadCache{});
    flow.start();
    HttpResponse refused;
    refused.status = 400;
    refused.body = R"({"error":{"message":"Invalid file format","code":"invalid_file"}})";
    const auto failed = flow.on_response(refused, 0, 0);
    REQUIRE(failed.kind == Kind::Failed);
    CHECK(failed.error.status == 400);
    CHECK(failed.error.code == "invalid_file");
    CHECK(flow.file_id().empty());
    CHECK_FALSE(flow.uploaded());
}

TEST_CASE("a single request is sent with the runner's retries and keeps its answer") {
    HttpRequest request;
    request.method = "POST";
    request.url = "https://api.openai.com/v1/fine_tuning/jobs/ftjob-1/cancel";
    OneRequestFlow flow(request);
    const auto send = flow.start();
    REQUIRE(send.kind == Kind::Send);
    CHECK(send.request.url == request.url);
    CHECK(send.retry.max_retries == RetryPolicy{}.max_retries);
    REQUIRE(flow.on_response(ok(R"({"id":"ftjob-1"})"), 0, 0).kind == Kind::Done);
    CHECK(flow.response().body == R"({"id":"ftjob-1"})");
}
