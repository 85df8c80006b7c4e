#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/workflow/dataset_state.h"
#include "core/workflow/embed_state.h"
#include "core/workflow/eval_state.h"
#include "core/workflow/finetune_state.h"
#include "core/workflow/label_file_state.h"
#include "core/workflow/local_model_state.h"
#include "core/workflow/providers_state.h"
#include "core/workflow/steps.h"

namespace tb::workflow {

// A message for the status line (and the page's aria-live region).
struct Status {
    enum class Level { Info, Error };
    Level level = Level::Info;
    std::string text;
    int serial = 0;  // bumped on every new message, so a repeated text is announced again
};

// Everything the app knows, in one place. The UI reads it and emits intents; the app changes it.
struct State {
    Step step = Step::Data;
    std::string experiment_name = "Untitled experiment";
    Status status;
    DatasetState data;
    ProvidersState providers;
    FineTuneState finetune;
    EvalState eval;
    LocalModelState local;
    EmbedState embed;  // the embeddings candidates' vectors and classifier (not saved)
    LabelFileState label_file;  // "Label the file" with the in-browser classifier (not saved)
    // Something the saved experiment holds has changed: the app saves it after this frame.
    bool unsaved = false;
    // The evaluations' answers changed: saved on their own after this frame, as they change often.
    bool eval_unsaved = false;

    void set_status(Status::Level level, std::string text);
};

// The state as automation sees it (window.tuneboard.state()); the README documents each field.
nlohmann::json to_json(const State& state);

}  // namespace tb::workflow
