#include "core/text/dates.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <ctime>

namespace tb::text {

namespace {
// The number of `size` digits at `at`, or nothing.
std::optional<int> digits(std::string_view text, std::size_t at, std::size_t size) {
    int value = 0;
    const char* begin = text.data() + at;
    const auto [end, error] = std::from_chars(begin, begin + size, value);
    if (error != std::errc() || end != begin + size) return std::nullopt;
    return value;
}

std::optional<std::int64_t> epoch_seconds(std::optional<int> year, std::optional<int> month, std::optional<int> day,
                                          std::optional<int> hour, std::optional<int> minute, std::optional<int> second) {
    if (!year || !month || !day || !hour || !minute || !second || *month < 1 || *month > 12 || *day < 1 || *day > 31 ||
        *hour > 23 || *minute > 59 || *second > 60) {
        return std::nullopt;
    }
    return days_from_civil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day)) * 86400 + *hour * 3600 +
           *minute * 60 + *second;
}
}  // namespace

std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
    // Howard Hinnant's algorithm: years counted from March, in 400-year eras.
    year -= month <= 2;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto yoe = static_cast<unsigned>(year - era * 400);
    const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<std::int64_t> parse_http_date(std::string_view text) {
    if (text.size() != 29 || text.substr(25) != " GMT" || text[3] != ',') return std::nullopt;
    static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto month = std::find(kMonths.begin(), kMonths.end(), text.substr(8, 3));
    if (month == kMonths.end()) return std::nullopt;
    return epoch_seconds(digits(text, 12, 4), static_cast<int>(month - kMonths.begin() + 1), digits(text, 5, 2),
                         digits(text, 17, 2), digits(text, 20, 2), digits(text, 23, 2));
}

std::optional<std::int64_t> parse_iso8601(std::string_view text) {
    if (text.size() < 19 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') ||
        text[13] != ':' || text[16] != ':') {
        return std::nullopt;
    }
    return epoch_seconds(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2), digits(text, 11, 2),
                         digits(text, 14, 2), digits(text, 17, 2));
}

std::string utc_time(std::int64_t epoch) {
    if (epoch <= 0) return "–";
    const std::time_t t = static_cast<std::time_t>(epoch);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &utc);
    return text;
}

}  // namespace tb::text
