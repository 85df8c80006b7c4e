#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv/reader.h"
#include "core/data/ingest.h"

namespace tb::data {

struct LoadSettings {
    // Columns by header name; empty: found by name (CFPB), else the person must pick them.
    std::string text_column;
    std::string label_column;
    LabelFamilies families = cfpb_label_families();
    std::uint64_t seed = 1;
    std::size_t sample_capacity = 300;
    std::size_t min_text_characters = 1;
    bool drop_duplicates = true;
    // The 1-based line the header is on; 0 finds it (see csv::HeadScanner).
    std::uint64_t header_line = 0;
    // Further columns whose values the sampled rows keep (prompt templates use them); the others are
    // only scanned, which keeps reading fast.
    std::vector<std::string> keep_columns;
};

// Identifies a file's content cheaply: its size and a hash of its first MB, so a split saved for
// "complaints.csv" is not restored over another file with the same name.
struct Fingerprint {
    std::uint64_t bytes = 0;
    std::uint64_t head_hash = 0;
    bool operator==(const Fingerprint&) const = default;
};
std::string fingerprint_text(const Fingerprint& fingerprint);  // 32 hex digits

// Reads a labelled CSV in one streaming pass: the CSV reader passes rows to the ingest, which counts
// classes and keeps the seeded per-class samples the split is drawn from.
class Loader : private csv::RowSink {
public:
    explicit Loader(LoadSettings settings, csv::Options options = {});

    void feed(std::string_view chunk);
    void finish();
    // Each eligible row as it is read (see Ingest::on_eligible); set before the first feed().
    void on_eligible(EligibleRowSink sink) { on_eligible_ = std::move(sink); }

    const csv::Reader& reader() const { return reader_; }
    const Ingest& ingest() const { return ingest_; }
    const LoadSettings& settings() const { return settings_; }
    Fingerprint fingerprint() const;

    // Set once the header is read: which columns hold the text and the label (-1: not found).
    int text_column() const { return ingest_.settings().text_column; }
    int label_column() const { return ingest_.settings().label_column; }
    bool header_read() const { return !reader_.header().empty(); }
    // The header has no text or label column by those names: the person picks them, then reads again.
    bool needs_columns() const { return header_read() && (text_column() < 0 || label_column() < 0); }
    bool is_cfpb() const { return cfpb_; }
    // Rows not used because the CSV reader found them malformed (counted in its stats too).
    std::uint64_t skipped_bad_rows() const { return skipped_bad_rows_; }

private:
    csv::ColumnSelection on_header(const csv::Header& header) override;
    void on_row(const csv::Row& row) override;

    LoadSettings settings_;
    csv::Reader reader_;
    Ingest ingest_;
    EligibleRowSink on_eligible_;
    bool cfpb_ = false;
    std::uint64_t skipped_bad_rows_ = 0;
    std::string head_;  // the first MB, hashed once complete
};

}  // namespace tb::data
