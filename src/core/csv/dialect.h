#pragma once

#include <cstddef>
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

// Finds where the first line ends (a CR or LF outside quotes) in text that arrives in pieces. The
// delimiter is not known yet, so quotes are tracked by parity alone: this only decides how much of the
// file's start to look at before choosing the delimiter, never how records are split.
class FirstLineFinder {
public:
    // Looks at the bytes of `text` not seen before; `text` must begin with everything passed earlier.
    void advance(std::string_view text);
    bool found() const { return found_; }
    std::size_t end() const { return scanned_; }  // where the line ends once found()

private:
    std::size_t scanned_ = 0;
    bool in_quotes_ = false;
    bool found_ = false;
};

}  // namespace tb::csv
