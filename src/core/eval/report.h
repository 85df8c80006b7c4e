#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/eval/metrics.h"
#include "core/eval/run.h"
#include "core/prompt/price_table.h"

namespace tb::eval {

// One candidate's scores on the test rows it has answered.
struct CandidateReport {
    std::string id, name;
    Tally tally;
    double accuracy = 0;  // correct / answered; an invalid answer is a wrong one
    Interval interval;    // 95 % Wilson
    double macro_f1 = 0;
    Confusion confusion;
    std::vector<ClassScores> classes;
    std::optional<double> cost;  // USD for the answers so far; nothing when the price is not known
    double mean_seconds = 0;
    bool complete = false;  // every test row answered (or failed for good)
};

CandidateReport report_candidate(const Evaluation& evaluation, const std::vector<std::string>& classes,
                                 const std::vector<data::SplitRow>& test, const prompt::PriceTable& prices);

// Two candidates on the test rows both have answered: their accuracies there and the paired test.
struct PairComparison {
    std::size_t rows = 0;
    double a_accuracy = 0, b_accuracy = 0;
    McNemar test;
    std::string sentence;
};
PairComparison compare_pair(const Evaluation& a, const Evaluation& b, const std::vector<data::SplitRow>& test);

// Which test rows the row explorer lists (indices into `test`).
enum class RowFilter {
    All,
    AnyWrong,  // some candidate answered it wrongly (or invalidly)
    Disagree,  // the two chosen candidates answered it differently (both answered)
    MapSelection,  // selected on the map (`selected`: row numbers, sorted)
};
std::vector<std::size_t> explore_rows(const std::vector<const Evaluation*>& evaluations,
                                      const std::vector<data::SplitRow>& test, RowFilter filter,
                                      const Evaluation* a = nullptr, const Evaluation* b = nullptr,
                                      std::span<const std::uint64_t> selected = {});

// One line per test row: row, true label, text, then each candidate's answer and whether it was right.
// An invalid answer is written as the model's words in the "raw" column; a row not answered is empty.
std::string predictions_csv(const std::vector<const Evaluation*>& evaluations, const std::vector<data::SplitRow>& test,
                            int text_column);

}  // namespace tb::eval
