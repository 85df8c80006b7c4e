#pragma once

// Finds the header among a file's first records. Some downloads and re-saves put lines before it (a
// title, "Exported on …", a blank line, a row of empty cells), and taking the first line as the header
// then makes the whole file unreadable.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace tb::csv {

// Where the header record starts, and the delimiter its file uses.
struct HeaderPlace {
    std::size_t offset = 0;  // of its first byte, in the text scanned (0 when nothing precedes it)
    std::uint64_t line = 1;  // the 1-based line of the file it starts on
    char delimiter = ',';
    bool found = true;  // false: no record starts on or after the line asked for
};

// Scans the start of a file in pieces, as it arrives, and decides where the header is. Quotes are tracked
// by parity alone: this only picks the header and the delimiter, never how records are split.
//
// Automatic (wanted_line 0): the header is the first record from which, for one delimiter, the field
// count holds steady (at least 3 in 4 of the next records have as many fields) and at least half of whose
// fields are non-empty; it has two fields or more. A line before it that could be its header (it has
// two fields or more, at least half of them non-empty, and at least half as many as it) is the header
// instead. Of the delimiters that give one, the one giving more
// fields wins, then the earlier header, then comma, semicolon, tab in that order. No such record: the
// first line is the header, as in a plain CSV. Only the first kProbeRecords records, within kProbeBytes,
// are looked at, so the answer never depends on how the file was cut into pieces.
// By hand (wanted_line N): the header is the first record that starts on line N or after it.
class HeadScanner {
public:
    static constexpr std::size_t kProbeRecords = 16;
    static constexpr std::size_t kProbeBytes = 256u << 10;
    static constexpr std::size_t kFollowers = 5;  // records after a candidate that must agree with it

    explicit HeadScanner(std::uint64_t wanted_line = 0, std::size_t max_bytes = 16u << 20)
        : wanted_line_(wanted_line), max_bytes_(max_bytes) {}

    // Looks at the bytes of `text` not seen before; `text` must begin with everything passed earlier.
    void advance(std::string_view text);
    // Enough has been seen to decide: the probe is complete, or the line asked for has its record.
    bool done() const { return done_; }
    // The first line's end (a CR or LF outside quotes) has been seen.
    bool first_line_found() const { return first_line_end_ > 0; }
    std::size_t first_line_end() const { return first_line_end_ - 1; }
    std::size_t scanned() const { return scanned_; }

    // The header's place in `text`, the text scanned (at least up to scanned()); `at_end` when the file
    // ends there. `given` is a delimiter fixed beforehand (0: any). `max_record_bytes` caps how much of
    // a header line decides its delimiter, as when the reader takes the first line.
    HeaderPlace place(std::string_view text, bool at_end, char given, std::size_t max_record_bytes) const;

private:
    static constexpr std::size_t kDelimiters = 3;
    struct Record {
        std::size_t begin = 0, end = 0;  // end: its line end
        std::uint64_t line = 1;
        std::array<std::uint32_t, kDelimiters> fields{};     // for each candidate delimiter
        std::array<std::uint32_t, kDelimiters> non_empty{};  // fields with something besides spaces
        bool complete = false;
    };

    void open_record();
    void end_field(std::size_t delimiter);
    void close_record(std::size_t end);
    bool looks_like_header(const Record& record, std::size_t delimiter) const;

    std::uint64_t wanted_line_;
    std::size_t max_bytes_;
    std::size_t scanned_ = 0;
    std::size_t first_line_end_ = 0;  // its position + 1; 0 until found
    std::uint64_t line_ = 1;
    bool in_quotes_ = false;
    bool after_cr_ = false;
    bool in_record_ = false;
    bool done_ = false;
    Record current_;
    std::array<bool, kDelimiters> field_has_text_{};
    std::vector<Record> records_;  // complete records in the probe; by hand, only the one wanted
};

}  // namespace tb::csv
