#include "core/api/retry.h"

#include "core/api/errors.h"

#include <algorithm>
#include <array>
#include <charconv>
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

// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm).
long long days_from_civil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

}  // namespace

std::optional<double> parse_http_date(std::string_view text) {
    // IMF-fixdate only ("Sun, 06 Nov 1994 08:49:37 GMT"), the form servers must send.
    if (text.size() != 29 || text.substr(25) != " GMT" || text[3] != ',') return std::nullopt;
    static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto number = [&](std::size_t at, std::size_t size) -> std::optional<int> {
        int value = 0;
        const auto [end, error] = std::from_chars(text.data() + at, text.data() + at + size, value);
        if (error != std::errc() || end != text.data() + at + size) return std::nullopt;
        return value;
    };
    const auto day = number(5, 2), year = number(12, 4), hour = number(17, 2), minute = number(20, 2),
               second = number(23, 2);
    const auto month = std::find(kMonths.begin(), kMonths.end(), text.substr(8, 3));
    if (!day || !year || !hour || !minute || !second || month == kMonths.end()) return std::nullopt;
    const long long days = days_from_civil(*year, static_cast<unsigned>(month - kMonths.begin() + 1),
                                           static_cast<unsigned>(*day));
    return static_cast<double>(days * 86400 + *hour * 3600 + *minute * 60 + *second);
}

std::optional<double> RetryPolicy::wait_before_retry(const HttpResponse& response, int retry,
                                                     double now_epoch_seconds, double jitter) const {
    if (retry >= max_retries) return std::nullopt;
    if (response.status == 429 && parse_api_error(response).code == "insufficient_quota") return std::nullopt;

    bool retryable = response.status == 0 ? response.failure != HttpResponse::Failure::None
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
            } else if (const auto date = parse_http_date(*after)) {
                server_wait = *date - now_epoch_seconds;
            }
        }
    }
    if (server_wait && *server_wait > 0 && *server_wait <= max_server_wait_seconds) return *server_wait;

    const double backoff = std::min(0.5 * std::pow(2.0, retry), 8.0);
    return backoff * (1.0 - 0.25 * std::clamp(jitter, 0.0, 1.0));
}

}  // namespace tb::api
