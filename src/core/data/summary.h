#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/data/loader.h"
#include "core/data/split.h"

namespace tb::data {

struct ClassCount {
    std::string label;           // after label families
    std::uint64_t with_text = 0;
    std::uint64_t eligible = 0;  // long enough and not a duplicate
};

struct ProblemRow {
    std::string kind;  // "malformed quote", …
    std::uint64_t row = 0;
    std::uint64_t byte = 0;
    std::string message;
};

// What a read found, as plain data: shown, saved with the experiment and restored without the file.
struct DatasetSummary {
    std::vector<std::string> header;
    int text_column = -1;
    int label_column = -1;
    std::string status = "ok";  // csv::status_key
    std::uint64_t bytes = 0, rows = 0, bad_rows = 0, problem_count = 0, invalid_utf8 = 0;
    std::uint64_t rows_with_text = 0, missing_text = 0, duplicates = 0, too_short = 0;
    std::uint64_t missing_label = 0;  // rows with a text and no label (what "Label the file" may answer alone)
    std::size_t max_classes = 0;
    bool too_many_classes = false;
    std::uint64_t header_line = 1;  // the file's line the header is on; the lines before it were skipped
    bool header_line_by_hand = false;
    // Duplicate detection's budget ran out: texts after row duplicates_exact_to_row were checked only
    // against the first duplicates_remembered distinct texts.
    bool duplicates_exact = true;
    std::uint64_t duplicates_remembered = 0, duplicates_exact_to_row = 0;
    std::vector<ProblemRow> problems;  // the first ones, in file order
    std::vector<ClassCount> classes;   // largest first
    std::string fingerprint;           // fingerprint_text()
    std::uint64_t seed = 0;

    std::string column_name(int column) const;
    bool needs_columns() const { return text_column < 0 || label_column < 0; }
};

DatasetSummary summarize(const Loader& loader);

// "Lines 1–2 were skipped: the header is on line 3.", or "" when the header is on line 1.
std::string header_notice(const DatasetSummary& summary);
// What duplicate detection could not do within its memory budget, or "" when it was exact.
std::string duplicates_notice(const DatasetSummary& summary);
// Why the text or label column was not found, and what to do: empty when both were. `load` names the columns
// asked for (empty: the CFPB's names).
std::string missing_columns(const DatasetSummary& summary, const LoadSettings& load);

// state().dataset and the saved experiment's form of it.
nlohmann::json to_json(const DatasetSummary& summary);
DatasetSummary summary_from_json(const nlohmann::json& json);

// state().split: {seed, classes, train, validation, test, warnings}, rows as {row, label}; with
// `with_fields`, each row also carries its fields (the saved experiment keeps the texts).
nlohmann::json to_json(const Split& split, std::uint64_t seed, bool with_fields);
Split split_from_json(const nlohmann::json& json);

}  // namespace tb::data
