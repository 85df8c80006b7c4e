#include "app/jobs_controller.h"

#include <utility>

#include "core/api/one_request_flow.h"
#include "core/api/upload_flow.h"
#include "core/finetune/tracked_job.h"
#include "core/text/dates.h"
#include "core/text/format.h"
#include "platform/timer.h"

namespace tb::app {

namespace {

using Level = workflow::Status::Level;
using Kind = api::FlowStep::Kind;
using workflow::Launch;
using workflow::RecentJobs;
using State = workflow::State;

// The runner's keys for this controller's flows (the runner may be shared: each starts with "jobs/").
const std::string kUploadTraining = "jobs/upload/training";
const std::string kUploadValidation = "jobs/upload/validation";
const std::string kCreate = "jobs/create";
const std::string kAttach = "jobs/attach";
const std::string kRecent = "jobs/recent";
std::string check_key(const std::string& job_key) { return "jobs/check/" + job_key; }
std::string cancel_key(const std::string& job_key) { return "jobs/cancel/" + job_key; }

// A 4xx other than 408 or 429 says the request was refused, so nothing was made.
bool refused(const api::ApiError& error) {
    return error.status >= 400 && error.status < 500 && error.status != 408 && error.status != 429;
}

// What the person is told when a check finds the job has ended.
void say_ended(State& state, const api::Job& job) {
    const bool succeeded = job.status == api::JobStatus::Succeeded;
    state.set_status(succeeded ? Level::Info : Level::Error,
                     succeeded ? "Job " + job.id + " succeeded: " + job.fine_tuned_model + " is offered in Evaluate."
                     : job.status == api::JobStatus::Cancelled
                         ? "Job " + job.id + " was cancelled."
                         : "Job " + job.id + " failed: " + (job.error ? job.error->message : std::string("no reason given")));
}

}  // namespace

JobsController::JobsController(State& state, Post post, FlowRunner& flows, ProvidersController& providers)
    : state_(state), post_(std::move(post)), flows_(flows), providers_(providers) {}

template <typename F>
void JobsController::run(const std::string& key, const std::string& profile, std::unique_ptr<F> flow,
                         std::function<void(F&, const api::FlowStep&)> on_step) {
    flows_.run(key, profile, std::move(flow),
               [on_step = std::move(on_step)](api::Flow& ran, const api::FlowStep& step) { on_step(static_cast<F&>(ran), step); });
}

std::string JobsController::missing_for(const std::string& profile_id) const {
    const api::Profile* profile = state_.providers.find(profile_id);
    if (profile == nullptr) return "Choose a provider for the job.";
    if (!profile->can_fine_tune) return profile->name + " does not fine-tune through its API: choose another provider.";
    return providers_.missing_key(profile_id);
}

bool JobsController::can_ask(finetune::TrackedJob& tracked, const char* then) const {
    // Keys live in memory only (unless remembered): after a reload a job waits here for its key.
    const std::string missing = missing_for(tracked.profile);
    if (missing.empty()) return true;
    tracked.watch_error = missing + " " + then;
    return false;
}

api::FineTuneApi JobsController::api_for(const std::string& profile_id) const {
    const api::Profile* profile = state_.providers.find(profile_id);
    return api::fine_tune_api(profile ? profile->dialect : api::Dialect::OpenAi);
}

void JobsController::launch_failed(const std::string& error) {
    state_.finetune.launch.phase = Launch::Phase::Failed;
    state_.finetune.launch.doing.clear();
    state_.finetune.launch.error = error;
    state_.set_status(Level::Error, error);
}

void JobsController::start_job() {
    auto& finetune = state_.finetune;
    const Launch::Phase phase = finetune.launch.phase;
    if (phase == Launch::Phase::Uploading || phase == Launch::Phase::Creating) return;
    if (!finetune.files.ready_to_upload()) {
        state_.set_status(Level::Error, "The training files have problems the provider would refuse: see their check.");
        return;
    }
    if (const std::string missing = missing_for(finetune.settings.profile); !missing.empty()) {
        launch_failed(missing);
        return;
    }
    finetune.launch = Launch{Launch::Phase::Uploading, {}, {}};
    upload(false, {});
}

void JobsController::upload(bool validation, const std::string& training_id) {
    auto& finetune = state_.finetune;
    const std::string profile = finetune.settings.profile;
    // The content as it is now: the files may be rebuilt while this one travels.
    const std::string content = validation ? finetune.files.validation : finetune.files.training;
    const auto seed = static_cast<unsigned long long>(platform::epoch_seconds() * 1000) ^ content.size();
    auto flow = std::make_unique<api::UploadFlow>(api_for(profile), providers_.endpoint(profile), profile,
                                                  validation ? "validation.jsonl" : "training.jsonl", content, seed,
                                                  finetune.uploads);
    run<api::UploadFlow>(validation ? kUploadValidation : kUploadTraining, profile, std::move(flow),
                         [this, validation, training_id](api::UploadFlow& uploading, const api::FlowStep& step) {
        auto& launch = state_.finetune.launch;
        switch (step.kind) {
            case Kind::Send: launch.doing = step.doing; return;
            case Kind::Wait: return;
            case Kind::Failed: launch_failed("The upload failed: " + api::describe(step.error)); return;
            case Kind::Done:
                if (const auto& record = uploading.uploaded()) {
                    state_.finetune.uploads.remember(*record);
                    state_.unsaved = true;
                }
                // Each file under its own key: the next one starts while this flow ends.
                if (validation) {
                    create(training_id, uploading.file_id());
                } else if (!state_.finetune.files.validation.empty()) {
                    upload(true, uploading.file_id());
                } else {
                    create(uploading.file_id(), {});
                }
                return;
        }
    });
}

void JobsController::create(const std::string& training_id, const std::string& validation_id) {
    auto& finetune = state_.finetune;
    const workflow::JobSettings& settings = finetune.settings;
    api::CreateJob request;
    request.model = settings.model;
    request.training_file = training_id;
    request.validation_file = validation_id;
    request.suffix = settings.suffix;
    request.seed = settings.seed;
    request.hyperparameters = settings.hyperparameters;
    request.client_id = api::make_client_id(static_cast<unsigned long long>(platform::epoch_seconds() * 1000) + ++creates_);

    // Saved before the answer comes: after a reload mid-create, the job is looked for by this client id.
    finetune::TrackedJob tracked;
    tracked.profile = settings.profile;
    tracked.client_id = request.client_id;
    tracked.request = request;
    finetune.jobs.push_back(tracked);
    finetune.shown_job = request.client_id;
    finetune.launch.phase = Launch::Phase::Creating;
    state_.unsaved = true;

    const std::string client_id = request.client_id;
    run<api::CreateJobFlow>(kCreate, settings.profile,
                            std::make_unique<api::CreateJobFlow>(api_for(settings.profile).jobs,
                                                                 providers_.endpoint(settings.profile), request),
                            [this, client_id](api::CreateJobFlow& flow, const api::FlowStep& step) {
                                created(client_id, flow, step);
                            });
}

std::string JobsController::creating() {
    // Only create() runs a flow under kCreate, and it is always a CreateJobFlow.
    const auto* flow = static_cast<const api::CreateJobFlow*>(flows_.find(kCreate));
    return flow != nullptr ? flow->request().client_id : std::string();
}

void JobsController::created(const std::string& client_id, api::CreateJobFlow& flow, const api::FlowStep& step) {
    finetune::TrackedJob* tracked = state_.finetune.find_job(client_id);
    if (tracked == nullptr) {  // forgotten while it was being created
        flows_.stop(kCreate);
        state_.finetune.launch = Launch{};
        return;
    }
    switch (step.kind) {
        case Kind::Send: state_.finetune.launch.doing = step.doing; return;
        case Kind::Wait: return;
        case Kind::Done: {
            const api::Job& job = flow.job();
            tracked->job = job;
            state_.finetune.launch = Launch{};
            state_.finetune.shown_job = job.id;
            state_.unsaved = true;
            state_.set_status(Level::Info, flow.adopted()
                                               ? "Job " + job.id + " exists: the create's answer was lost, and the job was found by its client id."
                                               : "Job " + job.id + " created. It is saved with the experiment and watched until it ends.");
            schedule(job.id, 0);
            return;
        }
        case Kind::Failed: {
            const std::string error = api::describe(step.error);
            state_.unsaved = true;
            // A list refused after an ambiguous create says nothing of the job: it may exist.
            if (refused(step.error) && !flow.may_exist()) {
                // Refused outright: no job, nothing billed; what was asked stays in the settings.
                std::erase_if(state_.finetune.jobs, [&](const auto& job) { return job.client_id == client_id; });
                launch_failed("The job was not created: " + error);
                return;
            }
            tracked->watch_error = "The provider has not confirmed this job (" + error +
                                   "). Check now looks for it by its client id " + client_id + " before anything is sent again.";
            launch_failed("The job's creation is unconfirmed: " + error);
            return;
        }
    }
}

void JobsController::resume_watching(bool only_stalled) {
    for (const finetune::TrackedJob& tracked : state_.finetune.jobs) {
        if (only_stalled && tracked.watch_error.empty()) continue;
        if (!tracked.confirmed()) {
            look_for_unconfirmed(tracked.client_id);
        } else if (tracked.needs_watching()) {
            schedule(tracked.job.id, 0);
        }
    }
}

void JobsController::look_for_unconfirmed(const std::string& client_id, bool asked) {
    finetune::TrackedJob* tracked = state_.finetune.find_job(client_id);
    // A create still under way looks for the job itself when it must.
    if (tracked == nullptr || creating() == client_id) return;
    if (!can_ask(*tracked, "Then Tuneboard looks for the job whose creation was unconfirmed.")) return;
    const std::string profile = tracked->profile;
    if (asked) state_.finetune.checks_asked.insert(client_id);
    run<api::OneRequestFlow>(check_key(client_id), profile,
                             std::make_unique<api::OneRequestFlow>(api_for(profile).jobs.list(providers_.endpoint(profile))),
                             [this, client_id](api::OneRequestFlow& flow, const api::FlowStep& step) {
                                 if (step.kind != Kind::Done) return;
                                 state_.finetune.checks_asked.erase(client_id);
                                 looked_for(client_id, flow.response());
                             });
}

void JobsController::looked_for(const std::string& client_id, const api::HttpResponse& response) {
    finetune::TrackedJob* job = state_.finetune.find_job(client_id);
    if (job == nullptr) return;
    const auto jobs = api_for(job->profile).jobs.parse_jobs(response);
    if (const auto* error = std::get_if<api::ApiError>(&jobs)) {
        job->watch_error = "Could not look for the job: " + api::describe(*error);
        return;
    }
    if (const api::Job* found = api::find_job_by_client_id(std::get<std::vector<api::Job>>(jobs), client_id)) {
        job->job = *found;
        job->watch_error.clear();
        state_.unsaved = true;
        state_.set_status(Level::Info, "Found job " + found->id + ", whose creation was unconfirmed.");
        schedule(found->id, 0);
        return;
    }
    // Not listed (yet): a create still under way at the provider, or one past the list's length, would
    // not be. The start stays, for the person to look again or forget.
    job->watch_error = "The provider lists no job from this start (" + client_id + ") as of " +
                       text::utc_time(static_cast<std::int64_t>(platform::epoch_seconds())) +
                       ": it was probably never created, and so not billed. Check now looks again; "
                       "Forget removes it from this list.";
    state_.set_status(Level::Info, job->watch_error);
}

void JobsController::schedule(const std::string& key, double seconds) {
    if (seconds <= 0) {
        check(key, false);
        return;
    }
    // The due time is the schedule's token: a newer schedule, or a check started meanwhile, replaces or
    // erases it, and this timer then finds a different one and does nothing.
    const double due = platform::epoch_seconds() + seconds;
    state_.finetune.next_checks[key] = due;
    platform::after(seconds, [this, key, due] {
        post_([this, key, due](State& state) {
            const auto next = state.finetune.next_checks.find(key);
            if (next != state.finetune.next_checks.end() && next->second == due) check(key, false);
        });
    });
}

void JobsController::check_now(const std::string& key) {
    const finetune::TrackedJob* tracked = state_.finetune.find_job(key);
    if (tracked == nullptr || state_.finetune.checks_asked.count(key) > 0) return;
    unchanged_[key] = 0;
    if (!tracked->confirmed()) {
        look_for_unconfirmed(key, /*asked=*/true);
        return;
    }
    check(key, /*asked=*/true);
}

void JobsController::cancel_check(const std::string& key) {
    if (state_.finetune.checks_asked.erase(key) == 0) return;
    flows_.stop(check_key(key));
    const finetune::TrackedJob* tracked = state_.finetune.find_job(key);
    if (tracked == nullptr) return;
    if (!tracked->confirmed()) {
        state_.set_status(Level::Info, "Stopped looking for job " + key + ": it stays unconfirmed, and Check now looks for it again.");
        return;
    }
    if (!tracked->needs_watching()) {
        state_.set_status(Level::Info, "Stopped checking job " + key + ".");
        return;
    }
    // Check now made the watch's own next check void: it is due again at the usual pace.
    const double delay = finetune::poll_delay(tracked->job.status, unchanged_[key], state_.finetune.check_seconds);
    schedule(key, delay);
    state_.set_status(Level::Info, "Stopped checking job " + key + "; watching goes on, the next check in " +
                                       text::format_duration(delay) + ".");
}

void JobsController::check(const std::string& key, bool asked) {
    state_.finetune.next_checks.erase(key);
    finetune::TrackedJob* tracked = state_.finetune.find_job(key);
    if (tracked == nullptr || !tracked->confirmed()) return;
    if (!can_ask(*tracked, "Watching goes on from there.")) return;
    const std::string profile = tracked->profile;
    if (asked) state_.finetune.checks_asked.insert(key);
    // A check already under way for this job is replaced by this one.
    run<finetune::WatchJobFlow>(check_key(key), profile,
                                std::make_unique<finetune::WatchJobFlow>(api_for(profile), providers_.endpoint(profile),
                                                                         *tracked, unchanged_[key]),
                                [this, key](finetune::WatchJobFlow& flow, const api::FlowStep& step) { checked(key, flow, step); });
}

void JobsController::checked(const std::string& key, finetune::WatchJobFlow& flow, const api::FlowStep& step) {
    finetune::TrackedJob* tracked = state_.finetune.find_job(key);
    if (tracked == nullptr) {  // the job went while its check was out
        flows_.stop(check_key(key));
        state_.finetune.checks_asked.erase(key);
        return;
    }
    // What each answer brought is shown as it comes, and kept if the check is cancelled after it.
    flow.copy_learnt(*tracked);
    if (step.kind != Kind::Done && step.kind != Kind::Failed) return;
    state_.finetune.checks_asked.erase(key);
    if (flow.worth_saving()) state_.unsaved = true;
    unchanged_[key] = flow.unchanged_checks();
    // The next check starts from a timer (at least the check interval, 1 s or more), never inside this step.
    if (const auto next = flow.next_check_seconds(state_.finetune.check_seconds)) {
        schedule(key, *next);
    } else if (flow.changed() && api::is_final(tracked->job.status)) {
        say_ended(state_, tracked->job);
    }
}

void JobsController::cancel(const std::string& key) {
    finetune::TrackedJob* tracked = state_.finetune.find_job(key);
    if (tracked == nullptr || !tracked->confirmed() || flows_.running(cancel_key(key))) return;
    const std::string profile = tracked->profile;
    state_.finetune.cancels_sent.insert(key);
    run<api::OneRequestFlow>(cancel_key(key), profile,
                             std::make_unique<api::OneRequestFlow>(api_for(profile).cancel(providers_.endpoint(profile), key)),
                             [this, key, profile](api::OneRequestFlow& flow, const api::FlowStep& step) {
        if (step.kind != Kind::Done) return;
        state_.finetune.cancels_sent.erase(key);
        if (state_.finetune.find_job(key) == nullptr) return;
        const auto got = api_for(profile).jobs.parse_job(flow.response());
        if (const auto* error = std::get_if<api::ApiError>(&got)) {
            state_.set_status(Level::Error, "Cancelling " + key + " failed: " + api::describe(*error));
            return;
        }
        state_.set_status(Level::Info, "Cancelling job " + key + "…");
        unchanged_[key] = 0;
        schedule(key, 0);
    });
}

void JobsController::stop_waiting_for_cancel(const std::string& key) {
    if (!flows_.running(cancel_key(key))) return;
    const bool sent = flows_.stop(cancel_key(key));
    state_.finetune.cancels_sent.erase(key);
    state_.set_status(Level::Info, sent ? "Stopped waiting for the provider's answer to cancelling job " + key +
                                              ". The cancel was sent and cannot be taken back: the provider may still "
                                              "cancel the job, and watching shows what it does."
                                        : "Stopped before the cancel was sent: job " + key + " goes on.");
}

void JobsController::attach(const std::string& profile, const std::string& job_id) {
    if (job_id.empty()) return;
    if (state_.finetune.find_job(job_id) != nullptr) {
        state_.finetune.shown_job = job_id;
        state_.set_status(Level::Info, "Job " + job_id + " is already followed here.");
        return;
    }
    if (const std::string missing = missing_for(profile); !missing.empty()) {
        state_.set_status(Level::Error, missing);
        return;
    }
    // The id asked for last is the one wanted: running it stops any attach under way.
    state_.finetune.attaching = job_id;
    run<api::OneRequestFlow>(kAttach, profile,
                             std::make_unique<api::OneRequestFlow>(api_for(profile).get(providers_.endpoint(profile), job_id)),
                             [this, profile, job_id](api::OneRequestFlow& flow, const api::FlowStep& step) {
        if (step.kind != Kind::Done) return;
        state_.finetune.attaching.clear();
        const auto got = api_for(profile).jobs.parse_job(flow.response());
        if (const auto* error = std::get_if<api::ApiError>(&got)) {
            state_.set_status(Level::Error, "Could not attach job " + job_id + ": " + api::describe(*error));
            return;
        }
        finetune::TrackedJob tracked;
        tracked.profile = profile;
        tracked.job = std::get<api::Job>(got);
        tracked.client_id = tracked.job.client_id;
        const std::string key = tracked.job.id;
        if (state_.finetune.find_job(key) == nullptr) state_.finetune.jobs.push_back(std::move(tracked));
        state_.finetune.shown_job = key;
        state_.unsaved = true;
        state_.set_status(Level::Info, "Attached job " + key + ".");
        schedule(key, 0);
    });
}

void JobsController::cancel_attach() {
    if (!flows_.running(kAttach)) return;
    flows_.stop(kAttach);
    const std::string job_id = std::exchange(state_.finetune.attaching, {});
    state_.set_status(Level::Info, "Stopped attaching job " + job_id +
                                       ": it is not followed here. The job itself is untouched at the provider; attach it again any time.");
}

void JobsController::list_recent(const std::string& profile) {
    if (const std::string missing = missing_for(profile); !missing.empty()) {
        state_.finetune.recent = RecentJobs{RecentJobs::Phase::Failed, profile, {}, missing};
        return;
    }
    state_.finetune.recent = RecentJobs{RecentJobs::Phase::Loading, profile, {}, {}};
    // A list under way for another provider is replaced by this one.
    run<api::OneRequestFlow>(kRecent, profile,
                             std::make_unique<api::OneRequestFlow>(api_for(profile).jobs.list(providers_.endpoint(profile))),
                             [this, profile](api::OneRequestFlow& flow, const api::FlowStep& step) {
        if (step.kind != Kind::Done) return;
        const auto jobs = api_for(profile).jobs.parse_jobs(flow.response());
        if (const auto* error = std::get_if<api::ApiError>(&jobs)) {
            state_.finetune.recent = RecentJobs{RecentJobs::Phase::Failed, profile, {}, api::describe(*error)};
            return;
        }
        state_.finetune.recent = RecentJobs{RecentJobs::Phase::Ok, profile, std::get<std::vector<api::Job>>(jobs), {}};
    });
}

void JobsController::cancel_list_recent() {
    if (!flows_.running(kRecent)) return;
    flows_.stop(kRecent);
    state_.finetune.recent = RecentJobs{};
}

void JobsController::cancel_upload() {
    if (state_.finetune.launch.phase != Launch::Phase::Uploading) return;
    if (!flows_.running(kUploadTraining) && !flows_.running(kUploadValidation)) return;
    flows_.stop(kUploadTraining);
    flows_.stop(kUploadValidation);
    launch_failed("The upload was cancelled; nothing was created. Start fine-tuning again when ready.");
}

void JobsController::stop_waiting_for_create() {
    if (state_.finetune.launch.phase != Launch::Phase::Creating) return;
    const auto* flow = static_cast<const api::CreateJobFlow*>(flows_.find(kCreate));  // as in creating()
    if (flow == nullptr) return;
    // Stopping drops the flow: a copy of it says what may have been made.
    api::CreateJobFlow stopping = *flow;
    const bool sent = flows_.stop(kCreate);
    stopping.stop_waiting(sent);
    const std::string client_id = stopping.request().client_id;
    state_.unsaved = true;
    if (!stopping.may_exist()) {
        std::erase_if(state_.finetune.jobs, [&](const auto& job) { return job.client_id == client_id; });
        launch_failed("Stopped before the provider made the job: nothing was created or billed. Start fine-tuning again when ready.");
        return;
    }
    // Kept unconfirmed, as after a create whose answer was lost: looked for by its client id, never sent again.
    if (finetune::TrackedJob* tracked = state_.finetune.find_job(client_id)) {
        tracked->watch_error = "Tuneboard stopped waiting for the provider to create this job; it may exist all the same. "
                               "Check now looks for it by its client id " + client_id +
                               ": found, it is followed here; not found, it is dropped.";
    }
    launch_failed("Stopped waiting for the job to be created. The provider may have created it anyway: Check now on job " +
                  client_id + " looks for it by that client id (so does opening this experiment again). This create is "
                  "never sent again.");
}

}  // namespace tb::app
