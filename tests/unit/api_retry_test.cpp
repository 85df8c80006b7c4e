#include <catch2/catch.hpp>

#include "core/api/retry.h"
#include "core/text/dates.h"

using namespace tb::api;
using tb::text::parse_http_date;
using tb::text::parse_iso8601;

namespace {
HttpResponse answer(int status, Headers headers = {}, std::string body = "") {
    HttpResponse response;
    response.status = status;
    response.headers = std::move(headers);
    response.body = std::move(body);
    return response;
}
constexpr double kNow = 1'764'000'000;  // any fixed "now" of the virtual clock
}  // namespace

TEST_CASE("retryable answers back off exponentially with at most 25 % jitter, up to 8 s") {
    const RetryPolicy policy{10, 60};
    for (int status : {408, 409, 429, 500, 502, 503}) {
        CHECK(policy.wait_before_retry(answer(status), 0, kNow, 0.0) == Approx(0.5));
    }
    CHECK(policy.wait_before_retry(answer(500), 1, kNow, 0.0) == Approx(1.0));
    CHECK(policy.wait_before_retry(answer(500), 3, kNow, 0.0) == Approx(4.0));
    CHECK(policy.wait_before_retry(answer(500), 6, kNow, 0.0) == Approx(8.0));
    CHECK(policy.wait_before_retry(answer(500), 2, kNow, 0.999) == Approx(2.0 * (1 - 0.25 * 0.999)));
}

TEST_CASE("other answers, and the last retry, are not retried") {
    const RetryPolicy policy;  // two retries, as the SDKs
    for (int status : {200, 400, 401, 403, 404, 422}) CHECK_FALSE(policy.wait_before_retry(answer(status), 0, kNow, 0));
    CHECK(policy.wait_before_retry(answer(500), 1, kNow, 0));
    CHECK_FALSE(policy.wait_before_retry(answer(500), 2, kNow, 0));
}

TEST_CASE("network failures and timeouts are retried, and x-should-retry overrides the status") {
    const RetryPolicy policy;
    HttpResponse network;
    network.failure = HttpResponse::Failure::Network;
    HttpResponse timeout;
    timeout.failure = HttpResponse::Failure::Timeout;
    CHECK(policy.wait_before_retry(network, 0, kNow, 0));
    CHECK(policy.wait_before_retry(timeout, 0, kNow, 0));
    CHECK_FALSE(policy.wait_before_retry(answer(503, {{"X-Should-Retry", "false"}}), 0, kNow, 0));
    CHECK(policy.wait_before_retry(answer(400, {{"x-should-retry", "true"}}), 0, kNow, 0) == Approx(0.5));
}

TEST_CASE("the server's wait is honoured in each header form, from 0 to 60 s") {
    const RetryPolicy policy;
    CHECK(policy.wait_before_retry(answer(429, {{"retry-after-ms", "1500"}}), 0, kNow, 0) == Approx(1.5));
    CHECK(policy.wait_before_retry(answer(429, {{"Retry-After", "7"}}), 0, kNow, 0) == Approx(7.0));
    // retry-after-ms wins over retry-after.
    CHECK(policy.wait_before_retry(answer(429, {{"retry-after", "7"}, {"retry-after-ms", "250"}}), 0, kNow, 0) ==
          Approx(0.25));
    // An HTTP date 12 s after "now".
    const auto date = parse_http_date("Tue, 24 Nov 2026 15:20:12 GMT");
    REQUIRE(date);
    CHECK(policy.wait_before_retry(answer(503, {{"retry-after", "Tue, 24 Nov 2026 15:20:12 GMT"}}), 0,
                                   static_cast<double>(*date) - 12, 0) ==
          Approx(12.0));
    // Out of range or unreadable: back to the computed backoff.
    CHECK(policy.wait_before_retry(answer(429, {{"retry-after", "600"}}), 0, kNow, 0) == Approx(0.5));
    CHECK(policy.wait_before_retry(answer(429, {{"retry-after", "0"}}), 0, kNow, 0) == Approx(0.5));
    CHECK(policy.wait_before_retry(answer(429, {{"retry-after", "soon"}}), 0, kNow, 0) == Approx(0.5));
}

TEST_CASE("a 429 for insufficient quota is billing, not a rate limit: never retried") {
    const RetryPolicy policy;
    const std::string quota = R"({"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}})";
    CHECK_FALSE(policy.wait_before_retry(answer(429, {{"retry-after", "1"}}, quota), 0, kNow, 0));
    const std::string rate = R"({"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}})";
    CHECK(policy.wait_before_retry(answer(429, {}, rate), 0, kNow, 0));
}

TEST_CASE("HTTP and ISO-8601 dates are read exactly, and nothing else is taken for one") {
    CHECK(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT") == 0);
    CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == 784111777);
    CHECK(parse_iso8601("1994-11-06T08:49:37Z") == 784111777);
    CHECK(parse_iso8601("2023-05-17T17:35:45.123Z") == 1684344945);
    CHECK(parse_iso8601("2024-02-29 00:00:00") == 1709164800);
    CHECK_FALSE(parse_iso8601("2023-13-01T00:00:00Z"));
    CHECK_FALSE(parse_iso8601("yesterday"));
    CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 UTC"));
    CHECK_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"));
    CHECK_FALSE(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"));
}
