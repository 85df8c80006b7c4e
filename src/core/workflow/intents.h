#pragma once

#include <string>
#include <variant>

#include "core/workflow/state.h"

namespace tb::workflow {

// What a person asked for in the UI; the app applies these to the State after the frame is drawn.
struct SelectStep {
    Step step;
};
struct RenameExperiment {
    std::string name;
};

using Intent = std::variant<SelectStep, RenameExperiment>;

void apply(State& state, const Intent& intent);

}  // namespace tb::workflow
