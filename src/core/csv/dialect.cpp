#include "core/csv/dialect.h"

#include <array>

#include "core/csv/byte_scan.h"

namespace tb::csv {

char detect_delimiter(std::string_view text) {
    constexpr std::array<char, 3> kCandidates = {',', ';', '\t'};
    std::array<std::size_t, 3> counts{};
    bool in_quotes = false;
    for (const char c : text) {
        if (c == kQuote) {
            in_quotes = !in_quotes;
        } else if (!in_quotes) {
            if (c == '\n' || c == '\r') break;
            for (std::size_t i = 0; i < kCandidates.size(); ++i) counts[i] += c == kCandidates[i];
        }
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i < kCandidates.size(); ++i)
        if (counts[i] > counts[best]) best = i;
    return kCandidates[best];
}

}  // namespace tb::csv
