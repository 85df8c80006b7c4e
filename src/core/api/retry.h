#pragma once

#include <optional>

#include "core/api/http.h"

namespace tb::api {

// When to try a request again, as OpenAI's own SDKs do: 408, 409, 429 and 5xx answers, timeouts and
// network failures; the server's x-should-retry overrides that; the wait is retry-after-ms, else
// retry-after (seconds or an HTTP date) when it lies within (0, 60] s, else min(0.5 · 2^n, 8) s less
// up to 25 % jitter. A 429 for insufficient_quota (billing) is never retried: waiting does not help.
struct RetryPolicy {
    int max_retries = 2;
    double max_server_wait_seconds = 60;
    // A request the person waits on (Test connection) gives up after one timeout: asking again would
    // only make them wait as long once more.
    bool retry_timeouts = true;

    // The wait before retry number `retry` (0 for the first) after `response`, or nothing: give up.
    // `now_epoch_seconds` reads a retry-after date; `jitter` in [0, 1) scales the backoff down.
    std::optional<double> wait_before_retry(const HttpResponse& response, int retry, double now_epoch_seconds,
                                            double jitter) const;
};

}  // namespace tb::api
