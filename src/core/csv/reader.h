#pragma once

// A streaming CSV reader. The browser hands over a file in chunks cut anywhere; the reader passes
// complete records to a sink and never needs more of the file than the longest record.
//
// Rules (RFC 4180 plus what real exports do):
// - The header (row 0) is found among the first records (see HeadScanner: lines before it, such as a
//   title or "Exported on …", are skipped and never become rows), or is the first record on or after
//   Options::header_line. Data rows are numbered from 1 after it. Blank lines are skipped and get no
//   number.
// - Records end at LF, CRLF or a lone CR outside quotes; a quoted field may span lines, and "" inside it
//   is one quote. A UTF-8 byte order mark at the start is skipped (offsets still count it).
// - The delimiter, unless given, is whichever of comma, semicolon and tab occurs most often outside
//   quotes in the header line.
// - Problems are counted, never fatal (see ProblemKind):
//   * A quote inside an unquoted field is kept as text.
//   * Inside a quoted field, a quote that is neither doubled nor followed by the delimiter or a line end
//     is kept as text and the field goes on ("He said "no" twice" reads as He said "no" twice). This is
//     how an unescaped quote was meant, and a stray quote costs a row or two, not the rest of the file.
//   * A row whose field count differs from the header's is still passed on, with well_formed false.
//   * A record longer than max_record_bytes (a quote never closed) is dropped, and reading resumes at
//     the first line end after its start.
//   * A file that ends inside a quoted field, or in a last row with fewer fields than the header, has a
//     cut-off last row; it is not passed on.
//   * Invalid UTF-8 is replaced by U+FFFD, only in the fields the sink asked for (the others are scanned
//     for delimiters and quotes but never decoded).
// - NUL bytes in the first kilobyte, or a UTF-16 byte order mark, stop the reading (Status says why).
//   So that neither this check, the header's place nor the delimiter depends on where chunks were cut,
//   nothing is passed on until the first kilobyte, the whole first line and the records the header is
//   looked for in are in (or finish() is called).
// All byte offsets are 64-bit positions in the whole file.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/csv/dialect.h"
#include "core/csv/header.h"
#include "core/csv/header_search.h"
#include "core/csv/record_parser.h"
#include "core/csv/stats.h"

namespace tb::csv {

struct Options {
    char delimiter = 0;                        // 0 detects it; else any byte but a quote, CR, LF or NUL
    std::size_t max_problems = 20;             // problems listed in Stats::problems; all are counted
    std::size_t max_record_bytes = 16u << 20;  // the carry-over buffer never grows past this
    bool scalar_scan = false;  // use the portable scanner even where SIMD exists (tests, benchmarks)
    std::uint64_t header_line = 0;  // 0 finds the header; else the 1-based line it is on (or after)
};

// Which columns a sink wants materialised (unquoted, unescaped, UTF-8 checked).
struct ColumnSelection {
    bool all = true;
    std::vector<std::size_t> columns;  // when !all; indices into the header

    static ColumnSelection only(std::vector<std::size_t> columns) { return {false, std::move(columns)}; }
};

// One data record, valid only during RowSink::on_row: its views point into the chunk being read or the
// reader's own buffers.
struct Row {
    std::uint64_t number = 0;                  // 1-based; the header is row 0
    std::uint64_t offset = 0;                  // file offset of the record's first byte
    std::span<const std::string_view> fields;  // every field of the record; unselected ones are empty
    bool well_formed = true;  // false when the row has a malformed quote or a wrong field count

    // The field in `column`, or empty when the row has no such field.
    std::string_view field(std::size_t column) const {
        return column < fields.size() ? fields[column] : std::string_view{};
    }
};

// Receives the header once, then the data rows in file order. Pass the same sink to every call.
class RowSink {
public:
    virtual ~RowSink() = default;
    // Returns the columns to materialise; the default takes them all.
    virtual ColumnSelection on_header(const Header& header) {
        (void)header;
        return {};
    }
    virtual void on_row(const Row& row) = 0;
};

class Reader {
public:
    explicit Reader(Options options = {});

    // Reads the records that `chunk` completes, calling the sink for each. `chunk` may end anywhere and
    // need not outlive the call. Nothing happens after finish().
    void feed(std::string_view chunk, RowSink& sink);
    // The input has ended: passes on the last record if it has no line end, reports a cut-off one.
    void finish(RowSink& sink);

    const Stats& stats() const { return stats_; }
    const Header& header() const { return header_; }     // empty until the header has been read
    const Dialect& dialect() const { return dialect_; }  // settled once the header line has been seen
    // The 1-based line of the file the header starts on: the lines before it were skipped.
    std::uint64_t header_line() const { return header_line_; }
    Status status() const;
    bool finished() const { return finished_; }

private:
    enum class Phase : std::uint8_t { Sniffing, Reading, SkippingToLineEnd, Stopped };

    void sniff(std::string_view chunk, RowSink& sink);
    void start(std::string_view head, RowSink& sink);
    void stop(Status why);
    void consume(std::string_view chunk, std::uint64_t offset, RowSink& sink);
    void parse_buffer(const char* p, const char* end, RowSink& sink);
    void emit(const char* begin, RowSink& sink);
    void take_header(RowSink& sink);
    void drop_long_record(std::uint64_t offset);
    void cut_off(const char* begin, bool in_quotes);
    void note_quote_flaw(std::uint64_t row);
    void materialise(std::uint64_t row, bool all);
    bool counts_and_lists(ProblemKind kind);  // counts it; true when it should be listed too
    void list_problem(ProblemKind kind, std::uint64_t row, std::uint64_t offset, std::string message);
    void set_buffer(const char* begin, std::uint64_t offset) {
        buffer_begin_ = begin;
        buffer_offset_ = offset;
    }
    std::uint64_t offset_of(const char* p) const {
        return buffer_offset_ + static_cast<std::uint64_t>(p - buffer_begin_);
    }

    Options options_;
    Dialect dialect_;
    Header header_;
    Stats stats_;
    Phase phase_ = Phase::Sniffing;
    Status stopped_because_ = Status::Reading;
    bool finished_ = false;
    bool header_read_ = false;
    bool header_failed_ = false;  // the first record was too long or cut off
    std::uint64_t rows_numbered_ = 0;

    // While sniffing: the file's first bytes. Afterwards: the start of a record cut by a chunk boundary.
    std::string carry_;
    std::uint64_t carry_offset_ = 0;
    ScanMode carry_mode_ = ScanMode::FieldStart;
    HeadScanner head_;
    std::uint64_t header_line_ = 1;

    // The buffer being parsed (a chunk, or carry_), to turn pointers into file offsets.
    const char* buffer_begin_ = nullptr;
    std::uint64_t buffer_offset_ = 0;

    RecordParser parser_;
    std::vector<unsigned char> wanted_;  // by column, when !want_all_
    bool want_all_ = true;
    std::vector<std::string_view> views_;
    // Unescaped or repaired fields of the current record. Only grows and never zero-fills: fields are
    // written straight into it, and std::string would clear every byte it grows by first.
    class Scratch {
    public:
        void clear() { size_ = 0; }
        std::size_t size() const { return size_; }
        const char* data() const { return data_.get(); }
        // Room for `n` more bytes at the end; set_end() then says how many were written.
        char* extend(std::size_t n) {
            if (n > capacity_ - size_) {
                const std::size_t capacity = std::max(size_ + n, 2 * capacity_);
                std::unique_ptr<char[]> grown(new char[capacity]);
                if (size_ > 0) std::memcpy(grown.get(), data_.get(), size_);
                data_ = std::move(grown);
                capacity_ = capacity;
            }
            return data_.get() + size_;
        }
        void set_end(const char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }

    private:
        std::unique_ptr<char[]> data_;
        std::size_t size_ = 0;
        std::size_t capacity_ = 0;
    };
    Scratch scratch_;
    std::string unescaped_;  // a field with invalid UTF-8, unescaped before it is repaired
    std::string repair_;
    struct Pending {
        std::size_t field, start, size;
    };
    std::vector<Pending> pending_;  // views_ entries that point into scratch_ once it stops growing
};

}  // namespace tb::csv
