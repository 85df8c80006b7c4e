#include "core/workflow/steps.h"

namespace tb::workflow {

namespace {
struct StepNames {
    std::string_view label;
    std::string_view key;
};
constexpr std::array<StepNames, kSteps.size()> kNames = {{
    {"Data", "data"},
    {"Prompt", "prompt"},
    {"Fine-tune", "fine_tune"},
    {"Evaluate", "evaluate"},
    {"Compare", "compare"},
}};
}  // namespace

std::string_view step_label(Step step) { return kNames[static_cast<std::size_t>(step)].label; }

std::string_view step_key(Step step) { return kNames[static_cast<std::size_t>(step)].key; }

std::optional<Step> step_from_key(std::string_view key) {
    for (Step step : kSteps) {
        if (step_key(step) == key) return step;
    }
    return std::nullopt;
}

}  // namespace tb::workflow
