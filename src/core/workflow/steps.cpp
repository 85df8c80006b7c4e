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

std::optional<NextStep> next_step(Step step) {
    switch (step) {
    case Step::Data:
        return NextStep{Step::Prompt, "Next: write the prompt"};
    case Step::Prompt:
        return NextStep{Step::FineTune, "Next: fine-tune, or train in the browser"};
    case Step::FineTune:
        return NextStep{Step::Evaluate, "Next: evaluate the candidates"};
    case Step::Evaluate:
        return NextStep{Step::Compare, "Next: compare the results"};
    case Step::Compare:
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<Step> step_from_key(std::string_view key) {
    for (Step step : kSteps) {
        if (step_key(step) == key) return step;
    }
    return std::nullopt;
}

}  // namespace tb::workflow
