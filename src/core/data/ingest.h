#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/data/hash_set.h"
#include "core/data/label_families.h"
#include "core/data/string_map.h"

namespace tb::data {

struct IngestSettings {
    int text_column = -1;
    int label_column = -1;
    LabelFamilies families;
    std::uint64_t seed = 1;
    // Rows kept per class: enough for any split of train + validation + test up to this many rows.
    std::size_t sample_capacity = 300;
    std::size_t min_text_characters = 1;
    bool drop_duplicates = true;
    // Beyond this many distinct labels the label column is probably the wrong one: further labels
    // are counted together, and the person is told.
    std::size_t max_classes = 200;
    // The memory budget of duplicate detection, in slots of 8 bytes (see HashSet).
    std::size_t duplicate_slots = HashSet::kDefaultMaxSlots;
};

// A row kept in a class's sample, with all its fields (prompt templates may use any column).
struct SampledRow {
    std::uint64_t row = 0;  // 1-based data row number in the file
    std::uint64_t key = 0;  // its sampling key under the seed; rows are drawn in increasing key order
    std::uint64_t offset = 0;  // byte offset of the record in the file, to read it whole again
    std::vector<std::string> fields;
};

struct ClassTally {
    std::string label;             // after label families
    std::uint64_t with_text = 0;   // rows of this class with a text
    std::uint64_t eligible = 0;    // of those, long enough and not a duplicate: what the split draws from
    std::vector<SampledRow> sample;  // the `sample_capacity` eligible rows with the smallest keys (a heap)
};

// Told of each eligible row as the ingest takes it: its row number, sampling key, class (after label
// families) and text. A second read of the file sees exactly the rows the first one counted as eligible.
using EligibleRowSink = std::function<void(std::uint64_t row, std::uint64_t key, const std::string& label,
                                           std::string_view text)>;

// One pass over the data rows: class counts, duplicate detection and a seeded per-class sample, in
// memory bounded by the number of classes × sample_capacity, plus duplicate detection's fixed budget
// (16 to 32 bytes a distinct text until it is full; then later texts are checked only against those).
// The sample of a class is the rows with the smallest keys, a pure function of (seed, row number):
// the same file and settings give the same rows however the file was cut into chunks.
class Ingest {
public:
    explicit Ingest(IngestSettings settings);

    // One data record; `row` is its 1-based row number among the data rows, `offset` where it starts.
    void add(std::uint64_t row, std::span<const std::string_view> fields, std::uint64_t offset = 0);

    const IngestSettings& settings() const { return settings_; }
    void on_eligible(EligibleRowSink sink) { on_eligible_ = std::move(sink); }
    // Classes in decreasing order of rows with text (ties by label).
    std::vector<const ClassTally*> classes_by_count() const;

    std::uint64_t rows() const { return rows_; }
    std::uint64_t rows_with_text() const { return rows_with_text_; }
    std::uint64_t missing_text() const { return missing_text_; }
    std::uint64_t missing_label() const { return missing_label_; }
    std::uint64_t short_fields() const { return short_fields_; }  // rows without the text or label column
    std::uint64_t too_short() const { return too_short_; }
    std::uint64_t duplicates() const { return duplicates_; }
    std::uint64_t overflow_rows() const { return overflow_rows_; }  // rows of labels past max_classes
    bool too_many_classes() const { return overflow_rows_ > 0; }
    // Duplicate detection ran out of its budget: texts after duplicates_exact_to_row() were checked
    // only against the first duplicates_remembered() distinct texts.
    bool duplicates_exact() const { return !seen_texts_.full(); }
    std::uint64_t duplicates_remembered() const { return seen_texts_.size(); }
    std::uint64_t duplicates_exact_to_row() const { return last_remembered_row_; }

private:
    ClassTally* tally_for(std::string_view label);

    IngestSettings settings_;
    EligibleRowSink on_eligible_;
    std::vector<ClassTally> classes_;
    StringMap<std::size_t> class_index_;  // raw label → index in classes_
    static constexpr std::size_t kFirstLabels = 16;
    std::vector<std::pair<std::string, std::size_t>> first_labels_;  // the first raw labels, looked at first
    HashSet seen_texts_;
    std::uint64_t last_remembered_row_ = 0;  // the last row whose text seen_texts_ took
    std::uint64_t rows_ = 0, rows_with_text_ = 0, missing_text_ = 0, missing_label_ = 0, short_fields_ = 0,
                  too_short_ = 0, duplicates_ = 0, overflow_rows_ = 0;
};

}  // namespace tb::data
