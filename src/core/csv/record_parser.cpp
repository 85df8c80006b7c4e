#include "core/csv/record_parser.h"

#include "core/csv/byte_scan.h"

namespace tb::csv {
namespace {

bool is_line_end(char c) { return c == '\n' || c == '\r'; }

}  // namespace

RecordEnd RecordParser::parse(const char* begin, const char* limit, bool at_end, const char*& next) {
    return scalar_ ? parse_with<ScalarScan>(begin, limit, at_end, next)
                   : parse_with<BestScan>(begin, limit, at_end, next);
}

const char* RecordParser::find_end(const char* p, const char* limit, ScanMode& mode) const {
    return scalar_ ? find_end_with<ScalarScan>(p, limit, mode) : find_end_with<BestScan>(p, limit, mode);
}

// The hot loop. A quote that is neither doubled nor followed by a delimiter or line end is kept as text
// and the quoted field goes on: that is what an unescaped quote inside a narrative needs, and it keeps
// the damage of a stray quote to this field instead of flipping the quoting of everything after it.
template <class Scan>
RecordEnd RecordParser::parse_with(const char* begin, const char* limit, bool at_end, const char*& next) {
    const char delimiter = delimiter_;
    fields_.clear();
    flaw_ = {};
    const char* p = begin;
    for (;;) {
        if (p < limit && *p == kQuote) {
            const char* const content = p + 1;
            const char* q = content;
            bool doubled = false;
            for (;;) {
                q = Scan::quote(q, limit);
                if (q == limit) return at_end ? RecordEnd::EndsInQuotes : RecordEnd::Incomplete;
                if (q + 1 == limit) {
                    if (!at_end) return RecordEnd::Incomplete;
                    fields_.push_back({content, q, doubled});
                    next = limit;
                    return RecordEnd::Complete;
                }
                const char after = q[1];
                if (after == kQuote) {
                    doubled = true;
                    q += 2;
                } else if (after == delimiter) {
                    fields_.push_back({content, q, doubled});
                    p = q + 2;
                    break;
                } else if (is_line_end(after)) {
                    fields_.push_back({content, q, doubled});
                    next = q + 1;
                    return RecordEnd::Complete;
                } else {
                    note_flaw(q, true);
                    ++q;
                }
            }
            continue;
        }
        const char* q = p;
        for (;;) {
            q = Scan::special(q, limit, delimiter);
            if (q == limit) {
                if (!at_end) return RecordEnd::Incomplete;
                fields_.push_back({p, limit, false});
                next = limit;
                return RecordEnd::Complete;
            }
            if (*q != kQuote) break;
            note_flaw(q, false);  // kept as text, as most readers do
            ++q;
        }
        fields_.push_back({p, q, false});
        if (*q != delimiter) {
            next = q;
            return RecordEnd::Complete;
        }
        p = q + 1;
    }
}

template <class Scan>
const char* RecordParser::find_end_with(const char* p, const char* limit, ScanMode& mode) const {
    const char delimiter = delimiter_;
    for (;;) {
        switch (mode) {
        case ScanMode::FieldStart:
            if (p == limit) return nullptr;
            if (*p == kQuote) {
                mode = ScanMode::Quoted;
                ++p;
            } else {
                mode = ScanMode::Unquoted;
            }
            break;
        case ScanMode::Unquoted:
            p = Scan::special(p, limit, delimiter);
            if (p == limit) return nullptr;
            if (*p == delimiter) {
                mode = ScanMode::FieldStart;
            } else if (*p != kQuote) {
                return p;
            }
            ++p;
            break;
        case ScanMode::Quoted:
            p = Scan::quote(p, limit);
            if (p == limit) return nullptr;
            mode = ScanMode::QuoteInQuoted;
            ++p;
            break;
        case ScanMode::QuoteInQuoted:
            if (p == limit) return nullptr;
            if (is_line_end(*p)) return p;
            // A doubled quote, or a quote kept as text: the quoted field goes on either way.
            mode = *p == delimiter ? ScanMode::FieldStart : ScanMode::Quoted;
            ++p;
            break;
        }
    }
}

}  // namespace tb::csv
