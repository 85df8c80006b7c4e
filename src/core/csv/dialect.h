#pragma once

#include <string_view>

namespace tb::csv {

// How fields are separated. The quote is always '"' (RFC 4180); records end at LF, CRLF or a lone CR.
struct Dialect {
    char delimiter = ',';
    bool detected = false;  // chosen from the header line rather than given in the options
};

// The delimiter a header line uses: whichever of comma, semicolon and tab occurs most often outside
// quotes, ties going to that order; comma when none occurs (the file then has one column). Reads up to
// the first line end outside quotes.
char detect_delimiter(std::string_view text);

}  // namespace tb::csv
