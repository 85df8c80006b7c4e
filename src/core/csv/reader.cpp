#include "core/csv/reader.h"

#include <bit>
#include <cstring>
#include <utility>

#include "core/csv/byte_scan.h"
#include "core/text/utf8.h"

namespace tb::csv {
namespace {

// Enough to tell a binary file (NUL bytes) from text before any row is passed on.
constexpr std::size_t kSniffBytes = 1024;

bool is_line_end(char c) { return c == '\n' || c == '\r'; }

const char* find_line_end(const char* p, const char* end) {
    while (p < end && !is_line_end(*p)) ++p;
    return p;
}

bool usable_delimiter(char c) { return c != 0 && c != kQuote && !is_line_end(c); }

bool has_nul_near_start(std::string_view head) {
    return head.substr(0, kSniffBytes).find('\0') != std::string_view::npos;
}

// Copies a quoted field's content to `out`, collapsing each "" to one quote; a lone quote (kept as
// text by the parser) stays as it is. Writes at most end - p bytes and returns the end of what it
// wrote. Narratives quote words often, so this copies 16 bytes a step and handles each quote in place
// rather than searching for it with memchr and appending the pieces (both slow in WebAssembly).
char* unescape_to(const char* p, const char* const end, char* out) {
#if defined(__wasm_simd128__) || defined(__SSE2__)
    for (;;) {
        if (end - p < 16) break;
        std::uint32_t mask = 0;
#if defined(__wasm_simd128__)
        const v128_t v = wasm_v128_load(p);
        wasm_v128_store(out, v);
        mask = wasm_i8x16_bitmask(wasm_i8x16_eq(v, wasm_i8x16_splat(kQuote)));
#else
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), v);
        mask = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(kQuote))));
#endif
        if (mask == 0) {
            p += 16;
            out += 16;
            continue;
        }
        // The 16 bytes stored are right up to and including the first quote; the output never gets
        // ahead of the input, so every store stays within end - p bytes of the field's start.
        const int kept = std::countr_zero(mask) + 1;
        p += kept;
        out += kept;
        if (p < end && *p == kQuote) ++p;
    }
#endif
    while (p < end) {
        const char c = *p++;
        *out++ = c;
        if (c == kQuote && p < end && *p == kQuote) ++p;
    }
    return out;
}

std::string column_label(std::size_t column) { return "column " + std::to_string(column + 1); }

}  // namespace

Reader::Reader(Options options)
    : options_(options),
      head_(options.header_line, std::max(options.max_record_bytes, HeadScanner::kProbeBytes)) {
    if (options_.max_record_bytes == 0) options_.max_record_bytes = 1;
    if (usable_delimiter(options_.delimiter)) {
        dialect_ = {options_.delimiter, false};
    } else {
        options_.delimiter = 0;
    }
}

void Reader::feed(std::string_view chunk, RowSink& sink) {
    if (finished_ || chunk.empty()) return;
    const std::uint64_t offset = stats_.bytes;
    stats_.bytes += chunk.size();
    if (phase_ == Phase::Sniffing) {
        sniff(chunk, sink);
    } else if (phase_ != Phase::Stopped) {
        consume(chunk, offset, sink);
    }
}

void Reader::finish(RowSink& sink) {
    if (finished_) return;
    finished_ = true;
    if (phase_ == Phase::Sniffing) {
        const std::string head = std::move(carry_);
        carry_.clear();
        start(head, sink);
    }
    if (phase_ == Phase::Reading && !carry_.empty()) {
        const char* const begin = carry_.data();
        set_buffer(begin, carry_offset_);
        const char* next = nullptr;
        const RecordEnd end = parser_.parse(begin, begin + carry_.size(), true, next);
        // A last row short of fields is far more likely cut off than meant that way.
        if (end == RecordEnd::Complete && (!header_read_ || parser_.fields().size() >= header_.size())) {
            emit(begin, sink);
        } else {
            cut_off(begin, end == RecordEnd::EndsInQuotes);
        }
    }
    carry_ = std::string();
}

Status Reader::status() const {
    if (phase_ == Phase::Stopped) return stopped_because_;
    if (!finished_) return Status::Reading;
    if (!header_read_) return header_failed_ ? Status::NoHeader : Status::Empty;
    if (rows_numbered_ == 0) return Status::HeaderOnly;
    if (header_.size() < 2) return Status::SingleColumn;
    return Status::Ok;
}

// The file's start is held back until its first kilobyte, first line and the records the header is
// looked for in are there, so that the binary check, the header and the delimiter never depend on where
// the chunks were cut.
void Reader::sniff(std::string_view chunk, RowSink& sink) {
    const auto ready = [this](std::string_view head) {
        head_.advance(head);
        if (head.size() < kSniffBytes) return false;
        return has_nul_near_start(head) ||
               (head_.done() && (head_.first_line_found() || head.size() > options_.max_record_bytes));
    };
    if (carry_.empty()) {
        if (ready(chunk)) {
            start(chunk, sink);
        } else {
            carry_.assign(chunk);
        }
        return;
    }
    carry_.append(chunk);
    if (ready(carry_)) {
        const std::string head = std::move(carry_);
        carry_.clear();
        start(head, sink);
    }
}

void Reader::start(std::string_view head, RowSink& sink) {
    if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) return stop(Status::Utf16);
    if (has_nul_near_start(head)) return stop(Status::Binary);
    const std::size_t bom = head.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    // No more of the header line than a record may hold decides the delimiter, so a header without a
    // line end gives the same answer however the chunks fell.
    const HeaderPlace place = head_.place(head, finished_, options_.delimiter, options_.max_record_bytes);
    if (!place.found) return stop(Status::NoHeaderOnLine);
    header_line_ = place.line;
    if (options_.delimiter == 0) dialect_ = {place.delimiter, true};
    parser_.configure(dialect_.delimiter, options_.scalar_scan);
    phase_ = Phase::Reading;
    // The lines before the header are not parsed at all: they need not be CSV.
    const std::size_t skip = std::max(bom, place.offset);
    consume(head.substr(skip), skip, sink);
}

void Reader::stop(Status why) {
    phase_ = Phase::Stopped;
    stopped_because_ = why;
    carry_ = std::string();
}

void Reader::consume(std::string_view chunk, std::uint64_t offset, RowSink& sink) {
    const char* p = chunk.data();
    const char* const end = p + chunk.size();
    if (phase_ == Phase::SkippingToLineEnd) {
        p = find_line_end(p, end);
        if (p == end) return;
        phase_ = Phase::Reading;
    }
    const std::size_t cap = options_.max_record_bytes;
    while (!carry_.empty()) {
        // A record cut by the last chunk boundary: find its end here, then parse it whole from carry_.
        const std::size_t room = cap + 1 - carry_.size();
        const bool capped = static_cast<std::size_t>(end - p) >= room;
        const char* const limit = capped ? p + room : end;
        if (const char* const line_end = parser_.find_end(p, limit, carry_mode_)) {
            carry_.append(p, line_end + 1);
            p = line_end + 1;
            const char* const begin = carry_.data();
            set_buffer(begin, carry_offset_);
            const char* next = nullptr;
            parser_.parse(begin, begin + carry_.size(), false, next);
            emit(begin, sink);
            carry_.clear();
            break;
        }
        if (!capped) {
            carry_.append(p, end);
            return;
        }
        // Resume at the first line end after the dropped record's start: still in carry_, or in the chunk.
        drop_long_record(carry_offset_);
        const std::size_t resume = carry_.find_first_of("\r\n", 1);
        if (resume == std::string::npos) {
            carry_.clear();
            p = find_line_end(p, end);
            if (p == end) {
                phase_ = Phase::SkippingToLineEnd;
                return;
            }
            break;
        }
        // Shorter than a record may be, so this leaves at most a new cut record in carry_.
        const std::string tail = carry_.substr(resume);
        carry_.clear();
        set_buffer(tail.data(), carry_offset_ + resume);
        parse_buffer(tail.data(), tail.data() + tail.size(), sink);
    }
    set_buffer(chunk.data(), offset);
    parse_buffer(p, end, sink);
}

void Reader::parse_buffer(const char* p, const char* const end, RowSink& sink) {
    const std::size_t cap = options_.max_record_bytes;
    for (;;) {
        while (p < end && is_line_end(*p)) ++p;  // blank lines, and the LF of a CRLF
        if (p == end) return;
        const bool capped = static_cast<std::size_t>(end - p) > cap;
        const char* const limit = capped ? p + cap + 1 : end;
        const char* next = nullptr;
        if (parser_.parse(p, limit, false, next) == RecordEnd::Complete) {
            emit(p, sink);
            p = next;
            continue;
        }
        if (capped) {
            drop_long_record(offset_of(p));
            p = find_line_end(p + 1, end);
            if (p == end) {
                phase_ = Phase::SkippingToLineEnd;
                return;
            }
            continue;
        }
        carry_.assign(p, end);
        carry_offset_ = offset_of(p);
        carry_mode_ = ScanMode::FieldStart;
        parser_.find_end(carry_.data(), carry_.data() + carry_.size(), carry_mode_);
        return;
    }
}

void Reader::emit(const char* begin, RowSink& sink) {
    if (!header_read_) return take_header(sink);
    const std::uint64_t number = ++rows_numbered_;
    const std::uint64_t offset = offset_of(begin);
    const std::size_t field_count = parser_.fields().size();
    bool well_formed = true;
    if (const QuoteFlaw& flaw = parser_.quote_flaw(); flaw.at != nullptr) {
        well_formed = false;
        note_quote_flaw(number);
    }
    if (field_count != header_.size()) {
        well_formed = false;
        if (counts_and_lists(ProblemKind::WrongFieldCount)) {
            list_problem(ProblemKind::WrongFieldCount, number, offset,
                         "expected " + std::to_string(header_.size()) + " fields, as in the header, found " +
                             std::to_string(field_count));
        }
    }
    materialise(number, want_all_);
    ++stats_.rows;
    sink.on_row(Row{number, offset, views_, well_formed});
}

void Reader::take_header(RowSink& sink) {
    if (parser_.quote_flaw().at != nullptr) note_quote_flaw(0);
    materialise(0, true);
    header_ = Header(std::vector<std::string>(views_.begin(), views_.end()));
    header_read_ = true;
    const ColumnSelection selection = sink.on_header(header_);
    want_all_ = selection.all;
    wanted_.assign(header_.size(), 0);
    for (const std::size_t column : selection.columns) {
        if (column >= wanted_.size()) wanted_.resize(column + 1, 0);
        wanted_[column] = 1;
    }
}

void Reader::drop_long_record(std::uint64_t offset) {
    std::uint64_t row = 0;
    if (header_read_) {
        row = ++rows_numbered_;
    } else {
        header_failed_ = true;
    }
    if (counts_and_lists(ProblemKind::RecordTooLong)) {
        list_problem(ProblemKind::RecordTooLong, row, offset,
                     "longer than " + std::to_string(options_.max_record_bytes) +
                         " bytes, most likely a quote that is never closed; skipped to its first line end");
    }
}

void Reader::cut_off(const char* begin, bool in_quotes) {
    std::uint64_t row = 0;
    if (header_read_) {
        row = ++rows_numbered_;
    } else {
        header_failed_ = true;
    }
    if (counts_and_lists(ProblemKind::CutOffRow)) {
        list_problem(ProblemKind::CutOffRow, row, offset_of(begin),
                     in_quotes
                         ? std::string("the file ends inside a quoted field, so the last row is cut off; "
                                       "it was not read")
                         : "the file ends after " + std::to_string(parser_.fields().size()) + " of " +
                               std::to_string(header_.size()) +
                               " fields of the last row, so it is cut off; it was not read");
    }
}

void Reader::note_quote_flaw(std::uint64_t row) {
    const QuoteFlaw& flaw = parser_.quote_flaw();
    if (!counts_and_lists(ProblemKind::MalformedQuote)) return;
    list_problem(ProblemKind::MalformedQuote, row, offset_of(flaw.at),
                 column_label(flaw.column) +
                     (flaw.in_quoted_field
                          ? ": a quote inside a quoted field is neither doubled nor followed by a delimiter "
                            "or line end; kept as text"
                          : ": a quote inside an unquoted field; kept as text"));
}

void Reader::materialise(std::uint64_t row, bool all) {
    const std::vector<FieldSpan>& fields = parser_.fields();
    views_.assign(fields.size(), std::string_view{});
    scratch_.clear();
    pending_.clear();
    std::size_t replaced = 0;
    std::size_t bad_column = 0;
    const char* bad_field = nullptr;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (!all && (i >= wanted_.size() || wanted_[i] == 0)) continue;
        const FieldSpan& field = fields[i];
        const std::string_view raw(field.begin, static_cast<std::size_t>(field.end - field.begin));
        const std::size_t start = scratch_.size();
        // Collapsing "" only drops ASCII quotes next to a quote that stays, which can neither make nor
        // mend an ill-formed sequence: the raw field is valid UTF-8 exactly when its unescaped text is,
        // so one check of the raw bytes decides both cases.
        if (text::valid_utf8_prefix(raw) == raw.size()) {
            if (!field.doubled_quotes) {
                views_[i] = raw;
                continue;
            }
            char* const out = scratch_.extend(raw.size());
            scratch_.set_end(unescape_to(raw.data(), raw.data() + raw.size(), out));
            // Views into scratch_ are made below, once it has stopped growing.
            pending_.push_back({i, start, scratch_.size() - start});
            continue;
        }
        std::string_view text = raw;
        if (field.doubled_quotes) {
            unescaped_.resize(raw.size());
            char* const out = unescaped_.data();
            const char* const out_end = unescape_to(raw.data(), raw.data() + raw.size(), out);
            unescaped_.resize(static_cast<std::size_t>(out_end - out));
            text = unescaped_;
        }
        repair_.clear();
        const std::size_t replaced_here = text::append_utf8_replacing_invalid(repair_, text);
        char* const repaired = scratch_.extend(repair_.size());
        std::memcpy(repaired, repair_.data(), repair_.size());
        scratch_.set_end(repaired + repair_.size());
        pending_.push_back({i, start, scratch_.size() - start});
        if (replaced_here > 0 && replaced == 0) {
            bad_column = i;
            bad_field = field.begin;
        }
        replaced += replaced_here;
    }
    for (const Pending& p : pending_) views_[p.field] = std::string_view(scratch_.data() + p.start, p.size);
    if (replaced == 0) return;
    stats_.utf8_replacements += replaced;
    if (counts_and_lists(ProblemKind::InvalidUtf8)) {
        list_problem(ProblemKind::InvalidUtf8, row, offset_of(bad_field),
                     column_label(bad_column) + ": " + std::to_string(replaced) +
                         (replaced == 1 ? " invalid UTF-8 sequence" : " invalid UTF-8 sequences") +
                         " replaced by U+FFFD (is the file UTF-8?)");
    }
}

bool Reader::counts_and_lists(ProblemKind kind) {
    ++stats_.records_with[static_cast<std::size_t>(kind)];
    return stats_.problems.size() < options_.max_problems;
}

void Reader::list_problem(ProblemKind kind, std::uint64_t row, std::uint64_t offset, std::string message) {
    stats_.problems.push_back(Problem{kind, row, offset, std::move(message)});
}

}  // namespace tb::csv
