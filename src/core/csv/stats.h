#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tb::csv {

// What can be wrong with one record. None stops the reader; each is counted once per record.
enum class ProblemKind {
    MalformedQuote,   // a quote inside an unquoted field, or an undoubled quote inside a quoted one
    WrongFieldCount,  // a data row whose field count differs from the header's
    RecordTooLong,    // longer than Options::max_record_bytes, almost always a quote never closed
    CutOffRow,        // the file ends inside the last row
    InvalidUtf8,      // bytes that are not UTF-8, replaced by U+FFFD (only in fields the sink asked for)
};
inline constexpr std::size_t kProblemKindCount = 5;

std::string_view problem_kind_label(ProblemKind kind);  // "malformed quote", for people

struct Problem {
    ProblemKind kind = ProblemKind::MalformedQuote;
    std::uint64_t row = 0;     // 1-based data row; 0 is the header
    std::uint64_t offset = 0;  // byte offset in the file of the offending quote, else of the record
    std::string message;       // one short sentence for people
};

struct Stats {
    std::uint64_t bytes = 0;              // bytes fed so far, BOM included: progress against the file size
    std::uint64_t rows = 0;               // data rows passed to the sink
    std::uint64_t utf8_replacements = 0;  // U+FFFD put in place of invalid UTF-8
    std::array<std::uint64_t, kProblemKindCount> records_with{};  // records with each kind of problem
    std::vector<Problem> problems;  // the first Options::max_problems, in file order

    std::uint64_t count(ProblemKind kind) const { return records_with[static_cast<std::size_t>(kind)]; }
};

// The verdict on a file, for the app to show. Final once Reader::finish() has run, except that Binary
// and Utf16 are known after the first kilobyte and stop the reading.
enum class Status {
    Reading,       // not finished yet
    Ok,            // a header and data rows (Stats may still list problems)
    Empty,         // no bytes, or only blank lines
    Binary,        // NUL bytes near the start: not a text file
    Utf16,         // a UTF-16 byte order mark
    NoHeader,      // the first record never ends properly, so there is no header
    HeaderOnly,    // one record and nothing after it
    SingleColumn,  // rows were read but the header has one column: no delimiter was found
    NoHeaderOnLine,  // no record starts on or after the header line set by hand
};

// What happened and what the person can do about it.
struct StatusText {
    std::string_view what;
    std::string_view todo;  // empty when nothing needs doing
};
StatusText describe(Status status);
std::string_view status_key(Status status);  // "ok", "header_only", …: for the app's state JSON

}  // namespace tb::csv
