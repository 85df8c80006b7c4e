#include "core/data/summary_json.h"

namespace tb::data {

namespace {
std::string column_name(const Loader& loader, int column) {
    const auto& names = loader.reader().header().names();
    return column >= 0 && static_cast<std::size_t>(column) < names.size() ? names[static_cast<std::size_t>(column)]
                                                                           : std::string();
}

nlohmann::json rows_json(const std::vector<SplitRow>& rows) {
    auto out = nlohmann::json::array();
    for (const SplitRow& row : rows) out.push_back({{"row", row.row}, {"label", row.label}});
    return out;
}
}  // namespace

nlohmann::json dataset_json(const std::string& name, const Loader& loader) {
    const csv::Stats& stats = loader.reader().stats();
    const Ingest& ingest = loader.ingest();
    // Rows the reader could not use: malformed ones, and records dropped or cut off.
    const std::uint64_t bad_rows = loader.skipped_bad_rows() + stats.count(csv::ProblemKind::RecordTooLong) +
                                   stats.count(csv::ProblemKind::CutOffRow);
    auto classes = nlohmann::json::array();
    for (const ClassTally* tally : ingest.classes_by_count()) {
        classes.push_back({{"label", tally->label}, {"count", tally->with_text}, {"eligible", tally->eligible}});
    }
    auto problems = nlohmann::json::array();
    for (const csv::Problem& problem : stats.problems) {
        problems.push_back({{"kind", csv::problem_kind_label(problem.kind)},
                            {"row", problem.row},
                            {"byte", problem.offset},
                            {"message", problem.message}});
    }
    return {
        {"name", name},
        {"bytes", stats.bytes},
        {"status", csv::status_key(loader.reader().status())},
        {"rows", stats.rows},
        {"badRows", bad_rows},
        {"problems", problems},
        {"invalidUtf8", stats.utf8_replacements},
        {"textColumn", column_name(loader, loader.text_column())},
        {"labelColumn", column_name(loader, loader.label_column())},
        {"rowsWithText", ingest.rows_with_text()},
        {"missingText", ingest.missing_text()},
        {"duplicates", ingest.duplicates()},
        {"tooShort", ingest.too_short()},
        {"classes", classes},
        {"fingerprint", fingerprint_text(loader.fingerprint())},
    };
}

nlohmann::json split_json(std::uint64_t seed, const Split& split) {
    return {{"seed", seed},
            {"classes", split.classes},
            {"train", rows_json(split.train)},
            {"validation", rows_json(split.validation)},
            {"test", rows_json(split.test)},
            {"warnings", split.warnings}};
}

}  // namespace tb::data
