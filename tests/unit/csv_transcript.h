#pragma once

// What a CSV read reports, as text, and a read of text cut at given places: the chunking unit tests and
// the CSV fuzz target (tests/fuzz) compare reads through these.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv/reader.h"
#include "core/csv/table_sink.h"

namespace tb::csv {

inline std::string escaped(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7F && c != '\\') {
            out += c;
        } else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02X", byte);
            out += hex;
        }
    }
    return out;
}

// Everything a reader reports, as text, so that two runs compare in one CHECK with a readable diff.
inline std::string transcript(const Reader& reader, const TableSink& sink) {
    std::string out = "status " + std::string(status_key(reader.status())) + " delimiter " +
                      escaped(std::string(1, reader.dialect().delimiter)) + " headers " +
                      std::to_string(sink.headers_seen()) + "\nheader";
    for (const std::string& name : reader.header().names()) out += " [" + escaped(name) + "]";
    for (const auto& row : sink.rows()) {
        out += "\nrow " + std::to_string(row.number) + " @" + std::to_string(row.offset) +
               (row.well_formed ? "" : " flawed");
        for (const std::string& field : row.fields) out += " [" + escaped(field) + "]";
    }
    const Stats& stats = reader.stats();
    out += "\nbytes " + std::to_string(stats.bytes) + " rows " + std::to_string(stats.rows) + " fffd " +
           std::to_string(stats.utf8_replacements) + " counts";
    for (const std::uint64_t count : stats.records_with) out += " " + std::to_string(count);
    for (const Problem& p : stats.problems) {
        out += "\nproblem " + std::string(problem_kind_label(p.kind)) + " row " + std::to_string(p.row) +
               " @" + std::to_string(p.offset) + ": " + p.message;
    }
    return out;
}

// Feeds `text` cut at `cuts` (ascending positions), then finishes. Each chunk is a copy of exactly its
// own size, as in the browser, so AddressSanitizer catches any read past a chunk's end.
inline std::string read_cut(std::string_view text, const Options& options, const std::vector<std::size_t>& cuts,
                     const ColumnSelection& selection = {}) {
    Reader reader(options);
    TableSink sink(selection);
    const auto feed = [&](std::string_view piece) {
        const std::vector<char> copy(piece.begin(), piece.end());
        reader.feed(std::string_view(copy.data(), copy.size()), sink);
    };
    std::size_t from = 0;
    for (const std::size_t cut : cuts) {
        feed(text.substr(from, cut - from));
        from = cut;
    }
    feed(text.substr(from));
    reader.finish(sink);
    return transcript(reader, sink);
}

}  // namespace tb::csv
