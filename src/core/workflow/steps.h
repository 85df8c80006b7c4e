#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace tb::workflow {

// The workflow, in the order a person goes through it.
enum class Step { Data, Prompt, FineTune, Evaluate, Compare };

inline constexpr std::array<Step, 5> kSteps = {Step::Data, Step::Prompt, Step::FineTune, Step::Evaluate,
                                               Step::Compare};

// What the UI shows ("Fine-tune").
std::string_view step_label(Step step);
// The stable name automation and saved experiments use ("fine_tune").
std::string_view step_key(Step step);
std::optional<Step> step_from_key(std::string_view key);

// Where a step's "Next" action leads, and what its button says ("Next: write the prompt"); none after the
// last step.
struct NextStep {
    Step step;
    std::string_view action;
};
std::optional<NextStep> next_step(Step step);

}  // namespace tb::workflow
