#include "core/data/summary.h"

#include <algorithm>

#include "core/text/format.h"
#include "core/text/json_fields.h"

namespace tb::data {

namespace {

nlohmann::json rows_json(const std::vector<SplitRow>& rows, bool with_fields) {
    auto out = nlohmann::json::array();
    for (const SplitRow& row : rows) {
        nlohmann::json item = {{"row", row.row}, {"label", row.label}};
        if (with_fields) {
            item["key"] = row.key;
            item["fields"] = row.fields;
        }
        out.push_back(std::move(item));
    }
    return out;
}

std::vector<SplitRow> rows_from_json(const nlohmann::json& json) {
    std::vector<SplitRow> rows;
    if (!json.is_array()) return rows;
    for (const auto& item : json) {
        SplitRow row{text::field_or<std::uint64_t>(item, "row", 0), text::field_or<std::uint64_t>(item, "key", 0),
                     text::field_or<std::string>(item, "label", ""), {}};
        if (item.contains("fields") && item["fields"].is_array()) {
            for (const auto& field : item["fields"]) row.fields.push_back(field.is_string() ? field.get<std::string>() : "");
        }
        if (row.row > 0) rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

std::string DatasetSummary::column_name(int column) const {
    return column >= 0 && static_cast<std::size_t>(column) < header.size() ? header[static_cast<std::size_t>(column)]
                                                                           : std::string();
}

DatasetSummary summarize(const Loader& loader) {
    const csv::Stats& stats = loader.reader().stats();
    const Ingest& ingest = loader.ingest();
    DatasetSummary summary;
    summary.header = loader.reader().header().names();
    summary.text_column = loader.text_column();
    summary.label_column = loader.label_column();
    summary.status = std::string(csv::status_key(loader.reader().status()));
    summary.bytes = stats.bytes;
    summary.rows = stats.rows;
    // Rows the split cannot use: malformed ones, and records dropped or cut off.
    summary.bad_rows = loader.skipped_bad_rows() + stats.count(csv::ProblemKind::RecordTooLong) +
                       stats.count(csv::ProblemKind::CutOffRow);
    for (std::uint64_t count : stats.records_with) summary.problem_count += count;
    summary.invalid_utf8 = stats.utf8_replacements;
    summary.rows_with_text = ingest.rows_with_text();
    summary.missing_text = ingest.missing_text();
    summary.missing_label = ingest.missing_label();
    summary.duplicates = ingest.duplicates();
    summary.too_short = ingest.too_short();
    summary.max_classes = ingest.settings().max_classes;
    summary.too_many_classes = ingest.too_many_classes();
    summary.header_line = loader.reader().header_line();
    summary.header_line_by_hand = loader.settings().header_line != 0;
    summary.duplicates_exact = ingest.duplicates_exact();
    summary.duplicates_remembered = ingest.duplicates_remembered();
    summary.duplicates_exact_to_row = ingest.duplicates_exact_to_row();
    for (const csv::Problem& problem : stats.problems) {
        summary.problems.push_back(
            {std::string(csv::problem_kind_label(problem.kind)), problem.row, problem.offset, problem.message});
    }
    for (const ClassTally* tally : ingest.classes_by_count()) {
        summary.classes.push_back({tally->label, tally->with_text, tally->eligible});
    }
    summary.fingerprint = fingerprint_text(loader.fingerprint());
    summary.seed = loader.settings().seed;
    return summary;
}

std::string header_notice(const DatasetSummary& summary) {
    if (summary.header_line <= 1) return {};
    const std::string before = summary.header_line == 2 ? "Line 1 was skipped"
                                                        : "Lines 1–" + text::with_commas(summary.header_line - 1) +
                                                              " were skipped";
    return before + ": the header is on line " + text::with_commas(summary.header_line) +
           (summary.header_line_by_hand ? " (set by hand)." : ".");
}

std::string duplicates_notice(const DatasetSummary& summary) {
    if (summary.duplicates_exact) return {};
    return "Duplicates were checked exactly for the first " + text::with_commas(summary.duplicates_remembered) +
           " distinct texts (to row " + text::with_commas(summary.duplicates_exact_to_row) +
           "); later rows are checked only against those, as remembering more would exceed the memory set "
           "aside for it.";
}

std::string missing_columns(const DatasetSummary& summary, const LoadSettings& load) {
    if (!summary.needs_columns()) return {};
    const auto wanted = [](const std::string& asked, const char* cfpb, const char* role) {
        return "\"" + (asked.empty() ? std::string(cfpb) : asked) + "\" for the " + role;
    };
    std::vector<std::string> missing;
    if (summary.text_column < 0) missing.push_back(wanted(load.text_column, "Consumer complaint narrative", "text"));
    if (summary.label_column < 0) missing.push_back(wanted(load.label_column, "Product", "label"));
    std::string text = "Its header has no column named " + missing[0];
    if (missing.size() > 1) text += " nor " + missing[1];
    constexpr std::size_t kNamesShown = 8;
    text += " (its columns: ";
    for (std::size_t i = 0; i < summary.header.size() && i < kNamesShown; ++i) {
        text += (i ? ", " : "") + (summary.header[i].empty() ? std::string("(unnamed)") : summary.header[i]);
    }
    if (summary.header.size() > kNamesShown) text += ", … " + std::to_string(summary.header.size()) + " in all";
    return text + "). Pick the columns that hold the text and its label in the Data step.";
}

nlohmann::json to_json(const DatasetSummary& summary) {
    auto classes = nlohmann::json::array();
    for (const ClassCount& count : summary.classes) {
        classes.push_back({{"label", count.label}, {"count", count.with_text}, {"eligible", count.eligible}});
    }
    auto problems = nlohmann::json::array();
    for (const ProblemRow& problem : summary.problems) {
        problems.push_back(
            {{"kind", problem.kind}, {"row", problem.row}, {"byte", problem.byte}, {"message", problem.message}});
    }
    return {
        {"header", summary.header},
        {"textColumn", summary.column_name(summary.text_column)},
        {"labelColumn", summary.column_name(summary.label_column)},
        {"status", summary.status},
        {"bytes", summary.bytes},
        {"rows", summary.rows},
        {"badRows", summary.bad_rows},
        {"problemCount", summary.problem_count},
        {"invalidUtf8", summary.invalid_utf8},
        {"rowsWithText", summary.rows_with_text},
        {"missingText", summary.missing_text},
        {"missingLabel", summary.missing_label},
        {"duplicates", summary.duplicates},
        {"tooShort", summary.too_short},
        {"maxClasses", summary.max_classes},
        {"tooManyClasses", summary.too_many_classes},
        {"headerLine", summary.header_line},
        {"headerLineByHand", summary.header_line_by_hand},
        {"duplicatesExact", summary.duplicates_exact},
        {"duplicatesRemembered", summary.duplicates_remembered},
        {"duplicatesExactToRow", summary.duplicates_exact_to_row},
        {"problems", problems},
        {"classes", classes},
        {"fingerprint", summary.fingerprint},
        {"seed", summary.seed},
    };
}

DatasetSummary summary_from_json(const nlohmann::json& json) {
    DatasetSummary summary;
    summary.header = text::field_or<std::vector<std::string>>(json, "header", {});
    const auto column = [&](const char* key) {
        const std::string name = text::field_or<std::string>(json, key, "");
        for (std::size_t i = 0; i < summary.header.size(); ++i) {
            if (!name.empty() && summary.header[i] == name) return static_cast<int>(i);
        }
        return -1;
    };
    summary.text_column = column("textColumn");
    summary.label_column = column("labelColumn");
    summary.status = text::field_or<std::string>(json, "status", "ok");
    summary.bytes = text::field_or<std::uint64_t>(json, "bytes", 0);
    summary.rows = text::field_or<std::uint64_t>(json, "rows", 0);
    summary.bad_rows = text::field_or<std::uint64_t>(json, "badRows", 0);
    summary.problem_count = text::field_or<std::uint64_t>(json, "problemCount", 0);
    summary.invalid_utf8 = text::field_or<std::uint64_t>(json, "invalidUtf8", 0);
    summary.rows_with_text = text::field_or<std::uint64_t>(json, "rowsWithText", 0);
    summary.missing_text = text::field_or<std::uint64_t>(json, "missingText", 0);
    summary.missing_label = text::field_or<std::uint64_t>(json, "missingLabel", 0);
    summary.duplicates = text::field_or<std::uint64_t>(json, "duplicates", 0);
    summary.too_short = text::field_or<std::uint64_t>(json, "tooShort", 0);
    summary.max_classes = text::field_or<std::size_t>(json, "maxClasses", 0);
    summary.too_many_classes = text::field_or<bool>(json, "tooManyClasses", false);
    summary.header_line = std::max<std::uint64_t>(1, text::field_or<std::uint64_t>(json, "headerLine", 1));
    summary.header_line_by_hand = text::field_or<bool>(json, "headerLineByHand", false);
    summary.duplicates_exact = text::field_or<bool>(json, "duplicatesExact", true);
    summary.duplicates_remembered = text::field_or<std::uint64_t>(json, "duplicatesRemembered", 0);
    summary.duplicates_exact_to_row = text::field_or<std::uint64_t>(json, "duplicatesExactToRow", 0);
    if (json.contains("problems") && json["problems"].is_array()) {
        for (const auto& item : json["problems"]) {
            summary.problems.push_back({text::field_or<std::string>(item, "kind", ""), text::field_or<std::uint64_t>(item, "row", 0),
                                        text::field_or<std::uint64_t>(item, "byte", 0), text::field_or<std::string>(item, "message", "")});
        }
    }
    if (json.contains("classes") && json["classes"].is_array()) {
        for (const auto& item : json["classes"]) {
            summary.classes.push_back({text::field_or<std::string>(item, "label", ""), text::field_or<std::uint64_t>(item, "count", 0),
                                       text::field_or<std::uint64_t>(item, "eligible", 0)});
        }
    }
    summary.fingerprint = text::field_or<std::string>(json, "fingerprint", "");
    summary.seed = text::field_or<std::uint64_t>(json, "seed", 0);
    return summary;
}

nlohmann::json to_json(const Split& split, std::uint64_t seed, bool with_fields) {
    return {{"seed", seed},
            {"classes", split.classes},
            {"train", rows_json(split.train, with_fields)},
            {"validation", rows_json(split.validation, with_fields)},
            {"test", rows_json(split.test, with_fields)},
            {"warnings", split.warnings}};
}

Split split_from_json(const nlohmann::json& json) {
    Split split;
    split.classes = text::field_or<std::vector<std::string>>(json, "classes", {});
    split.warnings = text::field_or<std::vector<std::string>>(json, "warnings", {});
    if (!json.is_object()) return split;
    if (json.contains("train")) split.train = rows_from_json(json["train"]);
    if (json.contains("validation")) split.validation = rows_from_json(json["validation"]);
    if (json.contains("test")) split.test = rows_from_json(json["test"]);
    return split;
}

}  // namespace tb::data
