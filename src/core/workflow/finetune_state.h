#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/api/fine_tuning.h"
#include "core/api/upload_cache.h"
#include "core/finetune/tracked_job.h"
#include "core/prompt/checks.h"
#include "core/prompt/cost.h"
#include "core/prompt/template.h"

namespace tb::workflow {

// What the next job is asked for.
struct JobSettings {
    std::string profile = "openai";
    std::string model = "gpt-4o-mini-2024-07-18";
    api::Hyperparameters hyperparameters;  // each "auto" unless set
    std::string suffix = "tuneboard";
    std::optional<std::int64_t> seed;
};

// Starting a job: upload the files, then create it. Shown while it lasts; cleared when the job exists.
struct Launch {
    enum class Phase { Idle, Uploading, Creating, Failed };
    Phase phase = Phase::Idle;
    std::string doing;  // "Uploading training.jsonl (48 KB)…"
    std::string error;
};

// The provider's recent jobs, listed on request so one can be attached.
struct RecentJobs {
    enum class Phase { Idle, Loading, Ok, Failed };
    Phase phase = Phase::Idle;
    std::string profile;
    std::vector<api::Job> jobs;
    std::string error;
};

// What the prompt and split make: the two files, their checks, and the cost. Derived, never saved;
// rebuilt when the prompt, split, model or hyperparameters change.
struct TrainingFiles {
    bool stale = true;
    std::string template_error;  // the user template names no column, or is malformed
    std::string system_prompt;   // as it will be sent
    std::string preview;         // the user message of the first training row
    std::string training, validation;
    // Token counts need the model's tokenizer, fetched on first use.
    enum class Tokens { Waiting, Counted, Failed };
    Tokens tokens = Tokens::Waiting;
    std::string encoding;  // "o200k_base"
    std::string tokens_error;
    std::string prices_error;  // the person's price edits do not parse: the bundled prices are used
    std::string prices_as_of;
    prompt::CheckReport training_check, validation_check;
    prompt::CostEstimate cost;

    // Counted, and nothing in either file the provider would refuse.
    bool ready_to_upload() const {
        return tokens == Tokens::Counted && training_check.ok() && (validation.empty() || validation_check.ok());
    }
};

struct FineTuneState {
    prompt::PromptSettings prompt;
    JobSettings settings;
    api::UploadCache uploads;
    std::vector<finetune::TrackedJob> jobs;  // oldest first
    std::string shown_job;                   // key of the job whose details are shown
    double check_seconds = 5;                // how often a running job is checked (backing off)
    static constexpr double kMaxCheckSeconds = 600;
    // The person's edits to the price table, in its JSON form: entries here replace the bundled ones.
    std::string price_edits;
    Launch launch;
    RecentJobs recent;
    // Requests the person waits on, each with its own Cancel; never saved (a reload ends them all).
    std::string attaching;                // the job id whose first GET is out, or empty
    std::set<std::string> checks_asked;   // job keys with a Check now under way
    std::set<std::string> cancels_sent;   // job keys whose cancel awaits the provider's answer
    // Epoch seconds of each watched job's next check, by key; none while a check runs or none is due.
    std::map<std::string, double> next_checks;
    TrainingFiles files;

    finetune::TrackedJob* find_job(const std::string& key);
    const finetune::TrackedJob* find_job(const std::string& key) const;
};

// Days left until OpenAI takes no new fine-tuning jobs (after 2027-01-06, UTC), counting today; 0 once
// it has stopped. `epoch_now` is the wall clock in seconds.
int openai_fine_tuning_days_left(double epoch_now);

// A job's key: its provider id once it exists, our client id before.
std::string job_key(const finetune::TrackedJob& job);
// The client ids of jobs whose creation the provider has not confirmed (the page stopped waiting, or the
// answer was lost): each may exist at the provider, and be billed. Starting another risks paying twice.
std::vector<std::string> unconfirmed_jobs(const FineTuneState& finetune);

// Saved with the experiment: prompt, settings, uploads, jobs (with events and metrics).
nlohmann::json to_json(const FineTuneState& finetune);
void restore_finetune(FineTuneState& finetune, const nlohmann::json& json);

// state().jobs: [{id, provider, model, status, fineTunedModel, series}] and state().fineTune.
nlohmann::json jobs_json(const FineTuneState& finetune);
nlohmann::json finetune_json(const FineTuneState& finetune);
// The fine-tuned models (and their checkpoints) ready to be evaluated: [{provider, model, source}].
nlohmann::json candidates_json(const FineTuneState& finetune);

}  // namespace tb::workflow
