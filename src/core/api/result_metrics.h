#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/api/fine_tuning.h"

namespace tb::api {

struct ResultMetricsError {
    std::size_t line = 0;  // 1-based line of the CSV text; 0 when the text as a whole is wrong
    std::string message;
};

// A fine-tuning job's result file (the CSV that openai::result_file_text gives) as steps. Columns are
// taken by name, so both layouts read:
//   OpenAI: step, train_loss, train_accuracy, valid_loss, valid_mean_token_accuracy
//   Azure:  step, train_loss, train_mean_token_accuracy, valid_loss, validation_mean_token_accuracy,
//           full_valid_loss, full_valid_mean_token_accuracy
// Unknown columns are ignored; an empty (or NaN) cell leaves that value absent, never 0. Every step's
// total_steps is the file's last step (the file is written once the job is done).
std::variant<std::vector<StepMetrics>, ResultMetricsError> parse_result_metrics(std::string_view csv);

}  // namespace tb::api
