#include "core/api/result_metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "core/csv/header.h"
#include "core/text/utf8.h"

namespace tb::api {

namespace {

// A cell or column name in a message: the file is the provider's bytes, of any length and encoding.
std::string quoted(std::string_view cell) { return text::excerpt(cell, 60); }

enum class Field { Step, TrainLoss, TrainAccuracy, TrainTokenAccuracy, ValidLoss, ValidAccuracy, ValidTokenAccuracy,
                   FullValidLoss, FullValidAccuracy, Unknown };

// Mean token accuracy is what metrics events report; an older "…_accuracy" column (whole-answer
// accuracy on Azure, token accuracy on OpenAI) fills in only when the file has no token accuracy.
Field field_of(std::string_view name) {
    if (name == "step") return Field::Step;
    if (name == "train_loss") return Field::TrainLoss;
    if (name == "train_accuracy") return Field::TrainAccuracy;
    if (name == "train_mean_token_accuracy") return Field::TrainTokenAccuracy;
    if (name == "valid_loss" || name == "validation_loss") return Field::ValidLoss;
    if (name == "valid_accuracy" || name == "validation_accuracy") return Field::ValidAccuracy;
    if (name == "valid_mean_token_accuracy" || name == "validation_mean_token_accuracy") return Field::ValidTokenAccuracy;
    if (name == "full_valid_loss") return Field::FullValidLoss;
    if (name == "full_valid_mean_token_accuracy") return Field::FullValidAccuracy;
    return Field::Unknown;
}

// Cells of one line; a quoted cell may hold commas and doubled quotes (no result file seen needs it, but
// a spreadsheet's re-save adds quotes).
std::optional<std::vector<std::string>> split_cells(std::string_view line) {
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cells.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cells.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            cells.emplace_back();
        } else {
            cells.back() += c;
        }
    }
    if (quoted) return std::nullopt;
    return cells;
}

enum class Cell { Empty, Number, Bad };

// strtod: from_chars for double is missing from some standard libraries this is built with.
Cell parse_number(std::string_view text, double& value) {
    const std::string cell(csv::trim_ascii(text));
    if (cell.empty()) return Cell::Empty;
    char* end = nullptr;
    value = std::strtod(cell.c_str(), &end);
    if (end != cell.c_str() + cell.size()) return Cell::Bad;
    // Some writers put NaN where a step had no validation: absent, like an empty cell.
    if (std::isnan(value)) return Cell::Empty;
    if (!std::isfinite(value)) return Cell::Bad;
    return Cell::Number;
}

ResultMetricsError error(std::size_t line, std::string message) { return {line, std::move(message)}; }

}  // namespace

std::variant<std::vector<StepMetrics>, ResultMetricsError> parse_result_metrics(std::string_view csv) {
    if (csv.starts_with("\xEF\xBB\xBF")) csv.remove_prefix(3);
    std::vector<Field> columns;
    std::vector<std::string> names;
    std::vector<StepMetrics> steps;
    bool has_train_token_accuracy = false, has_valid_token_accuracy = false;
    std::size_t line_number = 0, start = 0;
    while (start < csv.size()) {
        const std::size_t end = std::min(csv.find('\n', start), csv.size());
        std::string_view line = csv.substr(start, end - start);
        start = end + 1;
        ++line_number;
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (csv::trim_ascii(line).empty()) continue;
        const auto cells = split_cells(line);
        if (!cells) return error(line_number, "Line " + std::to_string(line_number) + " has an unclosed quote.");
        if (columns.empty()) {
            bool has_step = false;
            for (const std::string& cell : *cells) {
                const std::string_view name = csv::trim_ascii(cell);
                names.emplace_back(name);
                columns.push_back(field_of(name));
                has_step = has_step || columns.back() == Field::Step;
                has_train_token_accuracy = has_train_token_accuracy || columns.back() == Field::TrainTokenAccuracy;
                has_valid_token_accuracy = has_valid_token_accuracy || columns.back() == Field::ValidTokenAccuracy;
            }
            if (!has_step) {
                return error(line_number, "The result file's header (line " + std::to_string(line_number) +
                                              ") has no \"step\" column.");
            }
            continue;
        }
        if (cells->size() != columns.size()) {
            return error(line_number, "Line " + std::to_string(line_number) + " has " + std::to_string(cells->size()) +
                                          " cells; the header has " + std::to_string(columns.size()) + ".");
        }
        StepMetrics metrics;
        bool has_step = false;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (columns[i] == Field::Unknown) continue;
            double value = 0;
            const Cell cell = parse_number((*cells)[i], value);
            if (cell == Cell::Bad) {
                return error(line_number, "Line " + std::to_string(line_number) + ", column \"" + quoted(names[i]) +
                                              "\": \"" + quoted((*cells)[i]) + "\" is not a number.");
            }
            if (cell == Cell::Empty) continue;
            switch (columns[i]) {
                case Field::Step:
                    if (value < 0 || std::floor(value) != value || value > 9.0e15) {
                        return error(line_number, "Line " + std::to_string(line_number) + ": step \"" + quoted((*cells)[i]) +
                                                      "\" is not a whole number.");
                    }
                    metrics.step = static_cast<std::int64_t>(value);
                    has_step = true;
                    break;
                case Field::TrainLoss: metrics.train_loss = value; break;
                case Field::TrainTokenAccuracy: metrics.train_accuracy = value; break;
                case Field::TrainAccuracy:
                    if (!has_train_token_accuracy) metrics.train_accuracy = value;
                    break;
                case Field::ValidLoss: metrics.valid_loss = value; break;
                case Field::ValidTokenAccuracy: metrics.valid_accuracy = value; break;
                case Field::ValidAccuracy:
                    if (!has_valid_token_accuracy) metrics.valid_accuracy = value;
                    break;
                case Field::FullValidLoss: metrics.full_valid_loss = value; break;
                case Field::FullValidAccuracy: metrics.full_valid_accuracy = value; break;
                case Field::Unknown: break;
            }
        }
        if (!has_step) return error(line_number, "Line " + std::to_string(line_number) + " has no step number.");
        steps.push_back(metrics);
    }
    if (columns.empty()) return error(0, "The result file is empty.");
    std::int64_t last = 0;
    for (const StepMetrics& step : steps) last = std::max(last, step.step);
    for (StepMetrics& step : steps) step.total_steps = last;
    return steps;
}

}  // namespace tb::api
