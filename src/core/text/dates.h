#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tb::text {

// Days from 1970-01-01 to a date of the proleptic Gregorian calendar.
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

// Seconds since the epoch of an HTTP date in IMF-fixdate form ("Sun, 06 Nov 1994 08:49:37 GMT").
std::optional<std::int64_t> parse_http_date(std::string_view text);

// Seconds since the epoch of an ISO-8601 UTC time ("2023-05-17T17:35:45.123Z"; fraction and zone ignored).
std::optional<std::int64_t> parse_iso8601(std::string_view text);

// "2026-12-05 01:02:03 UTC"; "–" for none (0 or less).
std::string utc_time(std::int64_t epoch);

}  // namespace tb::text
