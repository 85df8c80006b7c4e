#pragma once

// Internal to the reader: splits one record into fields, and finds where a record ends when its bytes
// arrive in pieces. Both apply the rules documented in reader.h; the tests that split inputs at every
// byte position check that they agree.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tb::csv {

struct FieldSpan {
    const char* begin = nullptr;  // after the opening quote of a quoted field
    const char* end = nullptr;    // before its closing quote
    bool doubled_quotes = false;  // holds "" pairs still to collapse
};

enum class RecordEnd { Complete, Incomplete, EndsInQuotes };

// Where find_end() stopped inside a record, so the scan can go on in the next chunk.
enum class ScanMode : std::uint8_t { FieldStart, Unquoted, Quoted, QuoteInQuoted };

// The first malformed quote of a record.
struct QuoteFlaw {
    const char* at = nullptr;
    std::size_t column = 0;  // 0-based
    bool in_quoted_field = false;
};

class RecordParser {
public:
    void configure(char delimiter, bool scalar_scan) {
        delimiter_ = delimiter;
        scalar_ = scalar_scan;
    }

    // Splits the record starting at `begin` (which is not a line end), reading no further than `limit`.
    // Complete: fields() holds the record and `next` points at its CR/LF, or is `limit` when the input
    // ends there. Incomplete: more bytes are needed. EndsInQuotes: the input ends (at_end) inside a
    // quoted field.
    RecordEnd parse(const char* begin, const char* limit, bool at_end, const char*& next);

    // Scans on from `mode` at `p`. Returns the CR/LF that ends the record, or nullptr when the record
    // goes on past `limit`; `mode` then tells where the scan stands.
    const char* find_end(const char* p, const char* limit, ScanMode& mode) const;

    const std::vector<FieldSpan>& fields() const { return fields_; }
    const QuoteFlaw& quote_flaw() const { return flaw_; }

private:
    template <class Scan>
    RecordEnd parse_with(const char* begin, const char* limit, bool at_end, const char*& next);
    template <class Scan>
    const char* find_end_with(const char* p, const char* limit, ScanMode& mode) const;

    void note_flaw(const char* at, bool in_quoted_field) {
        if (flaw_.at == nullptr) flaw_ = {at, fields_.size(), in_quoted_field};
    }

    char delimiter_ = ',';
    bool scalar_ = false;
    std::vector<FieldSpan> fields_;
    QuoteFlaw flaw_;
};

}  // namespace tb::csv
