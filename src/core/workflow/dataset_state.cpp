#include "core/workflow/dataset_state.h"

#include "core/workflow/state.h"

namespace tb::workflow {

std::string reread_unavailable_because(const State& state, std::string_view purpose) {
    if (!state.data.dataset) return "Open a dataset first.";
    const Dataset& dataset = *state.data.dataset;
    if (!dataset.loader || dataset.file.handle == 0) {
        return "Open " + dataset.file.name + " again " + std::string(purpose) +
               ": after a reload the page keeps only the split's rows.";
    }
    return {};
}

}  // namespace tb::workflow
