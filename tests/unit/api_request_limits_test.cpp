#include <catch2/catch.hpp>

#include "core/api/chat.h"
#include "core/api/errors.h"
#include "core/api/openai_dialect.h"
#include "core/api/request_queue.h"
#include "core/api/retry.h"
#include "core/api/together_dialect.h"

using namespace tb::api;

TEST_CASE("each kind of request has its time and answer size, stated once") {
    CHECK(limits_of(RequestKind::Metadata).timeout_seconds == 30);
    CHECK(limits_of(RequestKind::Metadata).max_response_bytes == 8'000'000);
    CHECK(limits_of(RequestKind::Upload).timeout_seconds == 600);
    CHECK(limits_of(RequestKind::Chat).max_response_bytes == 2'000'000);
    CHECK(limits_of(RequestKind::Events).max_response_bytes == 16'000'000);
    CHECK(limits_of(RequestKind::FileContent).max_response_bytes == 32'000'000);
    CHECK(limits_of(RequestKind::SiteFile).max_response_bytes == 16'000'000);
}

TEST_CASE("the dialects give each request its kind") {
    const Endpoint endpoint{"https://api.example/v1", "sk-x", false};
    CHECK(openai::list_models(endpoint).kind == RequestKind::Metadata);
    CHECK(openai::get_job(endpoint, "ftjob-1").kind == RequestKind::Metadata);
    CHECK(openai::list_events(endpoint, "ftjob-1", "", 100).kind == RequestKind::Events);
    CHECK(openai::file_content(endpoint, "file-1").kind == RequestKind::FileContent);
    CHECK(openai::upload_file(endpoint, "t.jsonl", "{}\n", 1).kind == RequestKind::Upload);
    CHECK(together::metrics(endpoint, "ft-1").kind == RequestKind::Events);
    CHECK(together::list_events(endpoint, "ft-1").kind == RequestKind::Events);
    CHECK(together::upload_file(endpoint, "t.jsonl", "{}\n", 1).kind == RequestKind::Upload);
    ChatCall call;
    call.model = "gpt-4o-mini";
    CHECK(openai::chat(endpoint, call).kind == RequestKind::Chat);
}

TEST_CASE("an answer refused for its size names the request, the size and the limit, and is not retried") {
    HttpResponse response;
    response.failure = HttpResponse::Failure::TooLarge;
    response.kind = RequestKind::Metadata;
    response.refused_bytes = 60'000'000;
    const ApiError error = parse_api_error(response);
    CHECK(describe(error) ==
          "Refused the model list or job details: the answer is at least 60.0 MB, over the 8.0 MB limit for it. "
          "The base URL is probably not the provider's API: check it in Providers.");
    CHECK_FALSE(RetryPolicy{}.wait_before_retry(response, 0, 0, 0.5));
}

TEST_CASE("a timeout says which request, how long was waited and what to check") {
    HttpResponse response;
    response.failure = HttpResponse::Failure::Timeout;
    response.kind = RequestKind::Metadata;
    const std::string text = describe(parse_api_error(response));
    CHECK(text == "No answer to the model list or job details within 30 s: the server is not answering. Check "
                  "that the base URL is the provider's API (it usually ends in /v1) and that the server is running, "
                  "then try again.");
    // Retried in the background, but not where the person waits on it.
    CHECK(RetryPolicy{}.wait_before_retry(response, 0, 0, 0.5));
    CHECK_FALSE((RetryPolicy{2, 60, /*retry_timeouts=*/false}.wait_before_retry(response, 0, 0, 0.5)));
    response.failure = HttpResponse::Failure::Network;
    CHECK(describe(parse_api_error(response)).rfind("No answer from the server.", 0) == 0);
}

TEST_CASE("a request cancelled before it started leaves the queue") {
    RequestQueue queue(1);
    queue.push("openai", 1);
    queue.push("openai", 2);
    queue.push("openai", 3);
    CHECK(queue.take_startable() == std::vector<int>{1});
    CHECK(queue.remove("openai", 2));
    CHECK_FALSE(queue.remove("openai", 2));
    CHECK_FALSE(queue.remove("openai", 1));  // in flight, not waiting
    queue.finished("openai", false);
    CHECK(queue.take_startable() == std::vector<int>{3});
    CHECK(queue.waiting() == 0);
}
