#include "core/workflow/intents.h"

#include <algorithm>
#include <string>
#include <utility>

#include "core/text/utf8.h"

namespace tb::workflow {

bool apply_eval(State& state, const Intent& intent);         // eval_actions.cpp
bool apply_local_model(State& state, const Intent& intent);  // local_model_actions.cpp

namespace {
constexpr std::size_t kMaxExperimentName = 120;

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}
}  // namespace

bool redraw_split(State& state) {
    if (!state.data.dataset) return true;
    Dataset& dataset = *state.data.dataset;
    if (!dataset.loader) return false;
    data::Split split = data::draw_split(dataset.loader->ingest(), state.data.split_settings);
    if (split.needs_larger_sample) return false;
    dataset.split = std::move(split);
    dataset.split_settings = state.data.split_settings;
    if (!dataset.split.warnings.empty()) state.set_status(Status::Level::Error, dataset.split.warnings.front());
    state.finetune.files.stale = true;  // the training files come from the split
    state.eval.reports_stale = true;      // and the test rows too
    state.unsaved = true;
    stop_local_training_on_other_rows(state);
    follow_split(state);
    return true;
}

bool apply(State& state, const Intent& intent) {
    if (apply_eval(state, intent)) return true;
    if (apply_local_model(state, intent)) return true;
    if (const auto* only = std::get_if<SetLabelOnlyUnlabelled>(&intent)) {
        state.label_file.only_unlabelled = only->only_unlabelled;  // the next run's; one under way keeps its own
        return true;
    }
    if (const auto* rows = std::get_if<SetLabelRowsPerBatch>(&intent)) {
        state.label_file.rows_per_batch = std::clamp(rows->rows, 1, kMaxRowsPerBatch);
        return true;
    }
    if (const auto* source = std::get_if<SetLabelSource>(&intent)) {
        state.label_file.source = source->candidate;
        return true;
    }
    if (const auto* show = std::get_if<ShowProviders>(&intent)) {
        state.providers.open = show->open;
        return true;
    }
    if (const auto* select = std::get_if<SelectProfile>(&intent)) {
        if (state.providers.find(select->id) && state.providers.selected != select->id) {
            state.providers.selected = select->id;
            state.providers.unsaved = true;
        }
        return true;
    }
    if (const auto* base = std::get_if<SetBaseUrl>(&intent)) {
        api::Profile* profile = state.providers.find(base->profile);
        if (profile != nullptr && profile->base_url != base->url) {
            profile->base_url = base->url;
            state.providers.tests.erase(base->profile);  // a test of another address says nothing
            state.providers.unsaved = true;
        }
        return true;
    }
    if (const auto* select = std::get_if<SelectStep>(&intent)) {
        if (state.step == select->step) return true;
        state.step = select->step;  // the step bar shows it: the status line has nothing to add
    } else if (const auto* rename = std::get_if<RenameExperiment>(&intent)) {
        // An empty name would leave exports and the window title without a name: keep the old one.
        std::string name = std::string(text::cut_utf8(trimmed(rename->name), kMaxExperimentName));
        if (!name.empty() && name != state.experiment_name) {
            state.experiment_name = std::move(name);
            state.unsaved = true;
        }
    } else if (const auto* prompt = std::get_if<SetPrompt>(&intent)) {
        state.finetune.prompt = prompt->prompt;
        state.finetune.files.stale = true;
        state.unsaved = true;
    } else if (const auto* settings = std::get_if<SetJobSettings>(&intent)) {
        // The model decides the tokenizer and the limits; the epochs decide the cost.
        state.finetune.settings = settings->settings;
        state.finetune.files.stale = true;
        state.unsaved = true;
    } else if (const auto* seconds = std::get_if<SetCheckSeconds>(&intent)) {
        if (seconds->seconds >= 1 && seconds->seconds <= FineTuneState::kMaxCheckSeconds) state.finetune.check_seconds = seconds->seconds;
        state.unsaved = true;
    } else if (const auto* prices = std::get_if<SetPriceEdits>(&intent)) {
        state.finetune.price_edits = prices->json;
        state.finetune.files.stale = true;
        state.unsaved = true;
    } else if (const auto* show_job = std::get_if<ShowJob>(&intent)) {
        state.finetune.shown_job = show_job->key;
        state.unsaved = true;
    } else if (const auto* forget = std::get_if<ForgetJob>(&intent)) {
        // Only a start the provider never confirmed: a job it has is followed until it ends.
        const std::size_t before = state.finetune.jobs.size();
        std::erase_if(state.finetune.jobs, [&](const finetune::TrackedJob& job) {
            return !job.confirmed() && job.client_id == forget->key;
        });
        if (state.finetune.jobs.size() != before) {
            state.unsaved = true;
            state.set_status(Status::Level::Info, "Removed the unconfirmed start " + forget->key + " from the list.");
        }
    } else {
        return false;
    }
    return true;
}

}  // namespace tb::workflow
