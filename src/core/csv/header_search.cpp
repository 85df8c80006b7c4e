#include "core/csv/header_search.h"

#include <optional>

#include "core/csv/byte_scan.h"
#include "core/csv/dialect.h"

namespace tb::csv {
namespace {

constexpr std::array<char, 3> kCandidates = {',', ';', '\t'};
constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_blank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

void HeadScanner::open_record() {
    in_record_ = true;
    current_ = Record{};
    current_.begin = scanned_;
    current_.line = line_;
    field_has_text_ = {};
}

void HeadScanner::end_field(std::size_t delimiter) {
    ++current_.fields[delimiter];
    current_.non_empty[delimiter] += field_has_text_[delimiter] ? 1 : 0;
    field_has_text_[delimiter] = false;
}

void HeadScanner::close_record(std::size_t end) {
    for (std::size_t d = 0; d < kDelimiters; ++d) end_field(d);
    current_.end = end;
    current_.complete = true;
    in_record_ = false;
    if (wanted_line_ == 0) {
        records_.push_back(current_);
        done_ = records_.size() >= kProbeRecords;
    } else if (current_.line >= wanted_line_) {
        records_.push_back(current_);
        done_ = true;
    }
}

void HeadScanner::advance(std::string_view text) {
    const std::size_t cap = wanted_line_ == 0 ? kProbeBytes : max_bytes_;
    for (; !done_ && scanned_ < text.size() && scanned_ < cap; ++scanned_) {
        const char c = text[scanned_];
        if (c == '\n' && after_cr_) {  // the LF of a CRLF ends the same line
            after_cr_ = false;
            continue;
        }
        after_cr_ = c == '\r';
        if (c == '\n' || c == '\r') {
            ++line_;
            if (in_quotes_) {
                field_has_text_.fill(true);
            } else {
                if (first_line_end_ == 0) first_line_end_ = scanned_ + 1;
                if (in_record_) close_record(scanned_);
            }
            continue;
        }
        if (!in_record_) open_record();
        if (c == kQuote) {
            in_quotes_ = !in_quotes_;
            continue;
        }
        for (std::size_t d = 0; d < kDelimiters; ++d) {
            if (!in_quotes_ && c == kCandidates[d]) {
                end_field(d);
            } else if (in_quotes_ || !is_blank(c)) {
                field_has_text_[d] = true;
            }
        }
    }
    if (scanned_ >= cap) done_ = true;
}

bool HeadScanner::looks_like_header(const Record& record, std::size_t delimiter) const {
    // A title padded with empty cells to the table's width has the header's field count, not its names.
    return record.fields[delimiter] >= 2 && 2 * record.non_empty[delimiter] >= record.fields[delimiter];
}

HeaderPlace HeadScanner::place(std::string_view text, bool at_end, char given, std::size_t max_record_bytes) const {
    std::vector<Record> records = records_;
    if (at_end && !done_ && in_record_ && !in_quotes_) {
        // The file's last record has no line end: it still counts.
        HeadScanner closed = *this;
        closed.close_record(scanned_);
        records = closed.records_;
    }
    const auto delimiter_of = [&](std::size_t begin) {
        return given != 0 ? given : detect_delimiter(text.substr(begin, max_record_bytes + 1));
    };
    if (wanted_line_ != 0) {
        if (records.empty()) return {0, wanted_line_, ',', false};
        return {records.front().begin, records.front().line, delimiter_of(records.front().begin), true};
    }
    // The candidates: for each delimiter, the first record that looks like a header and from which
    // the field count holds.
    struct Candidate {
        std::size_t record = 0;
        std::size_t delimiter = 0;
        std::uint32_t fields = 0;
    };
    std::optional<Candidate> best;
    for (std::size_t d = 0; d < kDelimiters; ++d) {
        if (given != 0 && given != kCandidates[d]) continue;
        for (std::size_t i = 0; i < records.size(); ++i) {
            const std::uint32_t width = records[i].fields[d];
            if (!looks_like_header(records[i], d)) continue;
            std::size_t followers = 0, agreeing = 0;
            for (std::size_t j = i + 1; j < records.size() && followers < kFollowers; ++j, ++followers) {
                agreeing += records[j].fields[d] == width ? 1 : 0;
            }
            if (followers == 0 || 4 * agreeing < 3 * followers) continue;
            // Only lines that cannot be this table's header are skipped: no separator, mostly empty
            // cells, or fewer than half its fields (a title with a comma). Any other line before it is
            // the header, whatever rows follow: rows with a trailing delimiter, or malformed ones, must
            // not make the real header pass for a title.
            std::size_t header = i;
            for (std::size_t j = 0; j < i; ++j) {
                if (looks_like_header(records[j], d) && 2 * records[j].fields[d] >= width) {
                    header = j;
                    break;
                }
            }
            if (!best || width > best->fields || (width == best->fields && header < best->record)) {
                best = Candidate{header, d, width};
            }
            break;
        }
    }
    const std::size_t bom = text.starts_with(kBom) ? kBom.size() : 0;
    if (!best || best->record == 0) {
        // The first record is the header, as in a plain CSV; blank lines before it are skipped by the
        // reader, as always.
        const std::uint64_t line = records.empty() ? 1 : records.front().line;
        const char delimiter = best ? kCandidates[best->delimiter] : delimiter_of(bom);
        return {0, line, given != 0 ? given : delimiter, true};
    }
    const Record& header = records[best->record];
    return {header.begin, header.line, kCandidates[best->delimiter], true};
}

}  // namespace tb::csv
