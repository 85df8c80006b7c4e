#include "core/workflow/state.h"

#include <utility>

#include "core/workflow/spend_estimates.h"

namespace tb::workflow {

void State::set_status(Status::Level level, std::string text) {
    status.level = level;
    status.text = std::move(text);
    ++status.serial;
}

nlohmann::json to_json(const State& state) {
    nlohmann::json out = {
        {"step", step_key(state.step)},
        {"experimentName", state.experiment_name},
        {"status", {{"level", state.status.level == Status::Level::Error ? "error" : "info"},
                    {"text", state.status.text}}},
        {"jobs", jobs_json(state.finetune)},
        {"fineTune", finetune_json(state.finetune)},
        {"evaluations", evaluations_json(state.eval)},
        {"spending", {{"runAll", run_all_json(state.eval)}}},
        {"compare", compare_json(state.eval)},
        {"splitResults", split_results_json(state.eval, state.data.dataset ? state.data.dataset->file.name : "")},
        {"localModel", local_model_json(state.local, rows_to_learn_from(state))},
        {"embeddings", embed_json(state)},
        {"labelFile", label_file_json(state)},
    };
    out["localModel"]["allRows"] = all_rows_json(state);
    return out;
}

}  // namespace tb::workflow
