#include "core/data/loader.h"

#include <cstdio>

#include "core/data/columns.h"
#include "core/data/hashing.h"

namespace tb::data {

namespace {
constexpr std::size_t kFingerprintHead = 1u << 20;

IngestSettings ingest_settings(const LoadSettings& settings) {
    IngestSettings out;
    out.families = settings.families;
    out.seed = settings.seed;
    out.sample_capacity = settings.sample_capacity;
    out.min_text_characters = settings.min_text_characters;
    out.drop_duplicates = settings.drop_duplicates;
    return out;
}

csv::Options with_header_line(csv::Options options, std::uint64_t header_line) {
    options.header_line = header_line;
    return options;
}
}  // namespace

std::string fingerprint_text(const Fingerprint& fingerprint) {
    char text[33];
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(fingerprint.bytes),
                  static_cast<unsigned long long>(fingerprint.head_hash));
    return text;
}

Loader::Loader(LoadSettings settings, csv::Options options)
    : settings_(std::move(settings)),
      reader_(with_header_line(options, settings_.header_line)),
      ingest_(ingest_settings(settings_)) {}

void Loader::feed(std::string_view chunk) {
    if (head_.size() < kFingerprintHead) head_.append(chunk.substr(0, kFingerprintHead - head_.size()));
    reader_.feed(chunk, *this);
}

void Loader::finish() { reader_.finish(*this); }

Fingerprint Loader::fingerprint() const { return Fingerprint{reader_.stats().bytes, hash_text(head_)}; }

csv::ColumnSelection Loader::on_header(const csv::Header& header) {
    const ColumnRoles detected = detect_columns(header);
    const auto pick = [&](const std::string& wanted, int fallback) {
        return wanted.empty() ? fallback : find_column(header, wanted);
    };
    IngestSettings settings = ingest_.settings();
    settings.text_column = pick(settings_.text_column, detected.text);
    settings.label_column = pick(settings_.label_column, detected.label);
    cfpb_ = detected.cfpb;
    ingest_ = Ingest(settings);
    ingest_.on_eligible(on_eligible_);

    std::vector<std::size_t> columns;
    if (settings.text_column >= 0) columns.push_back(static_cast<std::size_t>(settings.text_column));
    if (settings.label_column >= 0) columns.push_back(static_cast<std::size_t>(settings.label_column));
    for (const std::string& name : settings_.keep_columns) {
        const int column = find_column(header, name);
        if (column >= 0) columns.push_back(static_cast<std::size_t>(column));
    }
    return csv::ColumnSelection::only(std::move(columns));
}

void Loader::on_row(const csv::Row& row) {
    if (!row.well_formed) {
        // Its fields may be shifted: a text under the wrong label would poison the sample.
        ++skipped_bad_rows_;
        return;
    }
    ingest_.add(row.number, row.fields, row.offset);
}

}  // namespace tb::data
