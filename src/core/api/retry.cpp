#include "core/api/retry.h"

#include "core/api/errors.h"
#include "core/text/dates.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace tb::api {

namespace {

std::optional<double> parse_number(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.empty()) return std::nullopt;
    // from_chars for double is missing from some standard libraries: parse digits and one dot by hand.
    double value = 0, scale = 0;
    for (char c : text) {
        if (c == '.' && scale == 0) {
            scale = 1;
        } else if (c >= '0' && c <= '9') {
            value = value * 10 + (c - '0');
            if (scale > 0) scale *= 10;
        } else {
            return std::nullopt;
        }
    }
    return scale > 0 ? value / scale : value;
}

bool is_retryable_status(int status) { return status == 408 || status == 409 || status == 429 || status >= 500; }

}  // namespace

std::optional<double> RetryPolicy::wait_before_retry(const HttpResponse& response, int retry,
                                                     double now_epoch_seconds, double jitter) const {
    if (retry >= max_retries) return std::nullopt;
    if (response.status == 429 && parse_api_error(response).code == "insufficient_quota") return std::nullopt;

    // An answer refused for its size would be as large again.
    bool retryable = response.status == 0 ? response.failure == HttpResponse::Failure::Network ||
                                                (response.failure == HttpResponse::Failure::Timeout && retry_timeouts)
                                          : is_retryable_status(response.status);
    if (const auto should = response.header("x-should-retry")) {
        if (*should == "true") retryable = true;
        if (*should == "false") retryable = false;
    }
    if (!retryable) return std::nullopt;

    std::optional<double> server_wait;
    if (const auto ms = response.header("retry-after-ms")) {
        if (const auto value = parse_number(*ms)) server_wait = *value / 1000.0;
    }
    if (!server_wait) {
        if (const auto after = response.header("retry-after")) {
            if (const auto seconds = parse_number(*after)) {
                server_wait = *seconds;
            } else if (const auto date = text::parse_http_date(*after)) {
                server_wait = static_cast<double>(*date) - now_epoch_seconds;
            }
        }
    }
    if (server_wait && *server_wait > 0 && *server_wait <= max_server_wait_seconds) return *server_wait;

    const double backoff = std::min(0.5 * std::pow(2.0, retry), 8.0);
    return backoff * (1.0 - 0.25 * std::clamp(jitter, 0.0, 1.0));
}

}  // namespace tb::api
