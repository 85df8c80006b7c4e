#include "app/jobs_controller.h"

#include <utility>

#include "core/api/result_metrics.h"
#include "core/finetune/tracked_job.h"
#include "core/text/dates.h"
#include "core/text/format.h"
#include "platform/timer.h"

namespace tb::app {

namespace {

using Level = workflow::Status::Level;
using workflow::Launch;
using workflow::RecentJobs;
using State = workflow::State;

// Creating goes through CreateJobFlow, which decides itself when to ask again: the runner must not.
constexpr api::RetryPolicy kNoRetries{0, 0};

// A 4xx other than 408 or 429 says the request was refused, so nothing was made.
bool refused(const api::ApiError& error) {
    return error.status >= 400 && error.status < 500 && error.status != 408 && error.status != 429;
}

// The result file's metrics complete the curves; a file that cannot be read is said, and not asked for
// again (it would be the same file).
void take_result(finetune::TrackedJob& job, const api::HttpResponse& response) {
    job.result_read = true;
    const auto text = response.ok() ? api::openai::result_file_text(response.body) : std::nullopt;
    if (!text) {
        job.watch_error = "The result file could not be read (HTTP " + std::to_string(response.status) + ").";
        return;
    }
    const auto parsed = api::parse_result_metrics(*text);
    if (const auto* error = std::get_if<api::ResultMetricsError>(&parsed)) {
        job.watch_error = "The result file, line " + std::to_string(error->line) + ": " + error->message;
        return;
    }
    finetune::merge_metrics(job.metrics, std::get<std::vector<api::StepMetrics>>(parsed));
}

}  // namespace

JobsController::JobsController(State& state, Post post, RequestRunner& runner, ProvidersController& providers)
    : state_(state), post_(std::move(post)), runner_(runner), providers_(providers) {}

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

finetune::TrackedJob* JobsController::still_checked(const std::string& key, bool asked) {
    finetune::TrackedJob* tracked = state_.finetune.find_job(key);
    if (tracked == nullptr) end_check(key, asked);  // the job went while its check was out
    return tracked;
}

void JobsController::waiting_on(const std::string& key, bool asked, int call) {
    if (!asked) return;
    asked_checks_[key] = call;
    state_.finetune.checks_asked.insert(key);
}

void JobsController::end_check(const std::string& key, bool asked) {
    --checking_;
    if (!asked) return;
    asked_checks_.erase(key);
    state_.finetune.checks_asked.erase(key);
}

api::FineTuneApi JobsController::api_for(const std::string& profile_id) const {
    const api::Profile* profile = state_.providers.find(profile_id);
    return api::fine_tune_api(profile ? profile->dialect : api::Dialect::OpenAi);
}

void JobsController::launch_failed(const std::string& error) {
    launching_ = false;
    state_.finetune.launch.phase = Launch::Phase::Failed;
    state_.finetune.launch.doing.clear();
    state_.finetune.launch.error = error;
    state_.set_status(Level::Error, error);
}

void JobsController::start_job() {
    auto& finetune = state_.finetune;
    if (launching_) return;
    const auto& files = finetune.files;
    if (!files.ready_to_upload()) {
        state_.set_status(Level::Error, "The training files have problems the provider would refuse: see their check.");
        return;
    }
    if (const std::string missing = missing_for(finetune.settings.profile); !missing.empty()) {
        launch_failed(missing);
        return;
    }
    launching_ = true;
    finetune.launch = Launch{Launch::Phase::Uploading, {}, {}};
    const bool has_validation = !files.validation.empty();
    upload(false, [this, has_validation](std::string training_id) {
        if (!has_validation) {
            create(training_id, {});
            return;
        }
        upload(true, [this, training_id](std::string validation_id) { create(training_id, validation_id); });
    });
}

void JobsController::upload(bool validation, std::function<void(std::string)> then) {
    auto& finetune = state_.finetune;
    const std::string profile = finetune.settings.profile;
    // The content as it is now: the files may be rebuilt while this one travels.
    const std::string content = validation ? finetune.files.validation : finetune.files.training;
    const std::string name = validation ? "validation.jsonl" : "training.jsonl";
    if (const api::UploadRecord* known = finetune.uploads.find(profile, content)) {
        then(known->file_id);  // the provider has these very bytes already
        return;
    }
    finetune.launch.doing = "Uploading " + name + " (" + text::format_bytes(content.size()) + ")…";
    const api::FineTuneApi api = api_for(profile);
    const auto seed = static_cast<unsigned long long>(platform::epoch_seconds() * 1000) ^ content.size();
    upload_call_ = runner_.send(profile, api.upload(providers_.endpoint(profile), name, content, seed), api::RetryPolicy{},
                 [this, api, profile, content, then](api::HttpResponse response) {
                     upload_call_ = 0;
                     post_([this, api, profile, content, then, response = std::move(response)](State& state) {
                         const auto file = api.parse_upload(response);
                         if (const auto* error = std::get_if<api::ApiError>(&file)) {
                             launch_failed("The upload failed: " + api::describe(*error));
                             return;
                         }
                         const api::UploadedFile& uploaded = std::get<api::UploadedFile>(file);
                         state.finetune.uploads.remember({profile, api::UploadCache::hash_of(content), uploaded.id,
                                                          content.size()});
                         state.unsaved = true;
                         then(uploaded.id);
                     });
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
    finetune.launch.doing = "Creating the job…";
    state_.unsaved = true;

    auto flow = std::make_unique<api::CreateJobFlow>(api_for(settings.profile).jobs, providers_.endpoint(settings.profile),
                                                     request);
    const api::CreateJobFlow::Step first = flow->start();
    flows_[request.client_id] = std::move(flow);
    creating_ = request.client_id;
    follow_create(request.client_id, first);
}

void JobsController::follow_create(const std::string& client_id, api::CreateJobFlow::Step step) {
    using Kind = api::CreateJobFlow::Step::Kind;
    finetune::TrackedJob* tracked = state_.finetune.find_job(client_id);
    if (tracked == nullptr || flows_.count(client_id) == 0) return;
    const std::string profile = tracked->profile;
    switch (step.kind) {
        case Kind::Send:
            create_call_ = runner_.send(profile, step.request, kNoRetries, [this, client_id](api::HttpResponse response) {
                create_call_ = 0;
                post_([this, client_id, response = std::move(response)](State&) {
                    auto flow = flows_.find(client_id);
                    if (flow == flows_.end()) return;
                    follow_create(client_id,
                                  flow->second->on_response(response, platform::epoch_seconds(), runner_.jitter()));
                });
            });
            return;
        case Kind::Wait:
            platform::after(step.wait_seconds, [this, client_id] {
                post_([this, client_id](State&) {
                    auto flow = flows_.find(client_id);
                    if (flow != flows_.end()) follow_create(client_id, flow->second->resume());
                });
            });
            return;
        case Kind::Done: {
            flows_.erase(client_id);
            creating_.clear();
            launching_ = false;
            tracked->job = step.job;
            state_.finetune.launch = Launch{};
            state_.finetune.shown_job = step.job.id;
            state_.unsaved = true;
            state_.set_status(Level::Info, step.adopted
                                               ? "Job " + step.job.id + " exists: the create's answer was lost, and the job was found by its client id."
                                               : "Job " + step.job.id + " created. It is saved with the experiment and watched until it ends.");
            schedule(step.job.id, 0);
            return;
        }
        case Kind::Failed: {
            flows_.erase(client_id);
            creating_.clear();
            const std::string error = api::describe(step.error);
            // A list refused after an ambiguous create says nothing of the job: it may exist.
            if (refused(step.error) && !step.may_exist) {
                // Refused outright: no job, nothing billed; what was asked stays in the settings.
                std::erase_if(state_.finetune.jobs, [&](const auto& job) { return job.client_id == client_id; });
                state_.unsaved = true;
                launch_failed("The job was not created: " + error);
                return;
            }
            tracked->watch_error = "The provider has not confirmed this job (" + error +
                                   "). Check now looks for it by its client id " + client_id + " before anything is sent again.";
            state_.unsaved = true;
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
    if (tracked == nullptr || flows_.count(client_id) > 0) return;
    if (!can_ask(*tracked, "Then Tuneboard looks for the job whose creation was unconfirmed.")) return;
    const std::string profile = tracked->profile;
    const api::FineTuneApi api = api_for(profile);
    ++checking_;
    waiting_on(client_id, asked, runner_.send(profile, api.jobs.list(providers_.endpoint(profile)), api::RetryPolicy{},
                 [this, api, client_id, asked](api::HttpResponse response) {
                     post_([this, api, client_id, asked, response = std::move(response)](State& state) {
                         end_check(client_id, asked);
                         finetune::TrackedJob* job = state.finetune.find_job(client_id);
                         if (job == nullptr) return;
                         const auto jobs = api.jobs.parse_jobs(response);
                         if (const auto* error = std::get_if<api::ApiError>(&jobs)) {
                             job->watch_error = "Could not look for the job: " + api::describe(*error);
                             return;
                         }
                         if (const api::Job* found = api::find_job_by_client_id(std::get<std::vector<api::Job>>(jobs), client_id)) {
                             job->job = *found;
                             job->watch_error.clear();
                             state.unsaved = true;
                             state.set_status(Level::Info, "Found job " + found->id + ", whose creation was unconfirmed.");
                             schedule(found->id, 0);
                             return;
                         }
                         // Not listed (yet): a create still under way at the provider, or one past the list's
                         // length, would not be. The start stays, for the person to look again or forget.
                         job->watch_error = "The provider lists no job from this start (" + client_id + ") as of " +
                                            text::utc_time(static_cast<std::int64_t>(platform::epoch_seconds())) +
                                            ": it was probably never created, and so not billed. Check now looks again; "
                                            "Forget removes it from this list.";
                         state.set_status(Level::Info, job->watch_error);
                     });
                 }));
}

void JobsController::schedule(const std::string& key, double seconds, bool asked) {
    const int generation = ++generation_[key];
    if (seconds <= 0) {
        check(key, generation, asked);
        return;
    }
    state_.finetune.next_checks[key] = platform::epoch_seconds() + seconds;
    platform::after(seconds, [this, key, generation] {
        post_([this, key, generation](State&) { check(key, generation, false); });
    });
}

void JobsController::check_now(const std::string& key) {
    const finetune::TrackedJob* tracked = state_.finetune.find_job(key);
    if (tracked == nullptr || asked_checks_.count(key) > 0) return;
    unchanged_[key] = 0;
    if (!tracked->confirmed()) {
        look_for_unconfirmed(key, /*asked=*/true);
        return;
    }
    schedule(key, 0, /*asked=*/true);
}

void JobsController::cancel_check(const std::string& key) {
    const auto found = asked_checks_.find(key);
    if (found == asked_checks_.end()) return;
    runner_.cancel(found->second);
    end_check(key, /*asked=*/true);
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

void JobsController::check(const std::string& key, int generation, bool asked) {
    if (generation_[key] != generation) return;  // a newer schedule took over
    state_.finetune.next_checks.erase(key);
    finetune::TrackedJob* tracked = state_.finetune.find_job(key);
    if (tracked == nullptr || !tracked->confirmed()) return;
    if (!can_ask(*tracked, "Watching goes on from there.")) return;
    const std::string profile = tracked->profile;
    const api::FineTuneApi api = api_for(profile);
    ++checking_;
    waiting_on(key, asked, runner_.send(profile, api.get(providers_.endpoint(profile), key), api::RetryPolicy{},
                 [this, api, key, asked](api::HttpResponse response) {
                     post_([this, api, key, asked, response = std::move(response)](State&) {
                         finetune::TrackedJob* job = still_checked(key, asked);
                         if (job == nullptr) return;
                         const auto got = api.jobs.parse_job(response);
                         if (const auto* error = std::get_if<api::ApiError>(&got)) {
                             job->watch_error = api::describe(*error);
                             finish_check(key, false, asked);
                             return;
                         }
                         const api::Job& fresh = std::get<api::Job>(got);
                         const bool changed = fresh.status != job->job.status || fresh.trained_tokens != job->job.trained_tokens ||
                                              fresh.fine_tuned_model != job->job.fine_tuned_model ||
                                              fresh.result_files != job->job.result_files;
                         const std::string client_id = job->job.client_id.empty() ? job->client_id : job->job.client_id;
                         job->job = fresh;
                         if (job->job.client_id.empty()) job->job.client_id = client_id;
                         job->watch_error.clear();
                         read_events(key, {}, changed, asked);
                     });
                 }));
}

void JobsController::read_events(const std::string& key, std::string after, bool changed, bool asked) {
    finetune::TrackedJob* tracked = still_checked(key, asked);
    if (tracked == nullptr) return;
    const std::string profile = tracked->profile;
    const api::FineTuneApi api = api_for(profile);
    waiting_on(key, asked, runner_.send(profile, api.events(providers_.endpoint(profile), key, after), api::RetryPolicy{},
                 [this, api, key, changed, asked](api::HttpResponse response) {
                     post_([this, api, key, changed, asked, response = std::move(response)](State&) {
                         finetune::TrackedJob* job = still_checked(key, asked);
                         if (job == nullptr) return;
                         const auto page = api.parse_events(response);
                         if (const auto* error = std::get_if<api::ApiError>(&page)) {
                             job->watch_error = "Reading the job's events failed: " + api::describe(*error);
                             finish_check(key, changed, asked);
                             return;
                         }
                         const auto& events = std::get<api::openai::EventPage>(page);
                         const auto before = job->events;
                         api::merge_events(job->events, events.events);
                         finetune::merge_event_metrics(job->metrics, events.events);
                         const bool news = job->events.size() != before.size();
                         if (const auto older = finetune::next_events_cursor(before, events.events, events.has_more)) {
                             read_events(key, *older, changed || news, asked);
                             return;
                         }
                         finish_check(key, changed || news, asked);
                     });
                 }));
}

void JobsController::finish_check(const std::string& key, bool changed, bool asked) {
    finetune::TrackedJob* tracked = still_checked(key, asked);
    if (tracked == nullptr) return;
    const std::string profile = tracked->profile;
    const api::FineTuneApi api = api_for(profile);
    const api::Endpoint endpoint = providers_.endpoint(profile);
    // Checkpoints appear while a job runs and stay when it succeeds.
    const bool wants_checkpoints = changed && (tracked->job.status == api::JobStatus::Running ||
                                               tracked->job.status == api::JobStatus::Succeeded);
    const bool wants_result = tracked->job.status == api::JobStatus::Succeeded && !tracked->result_read &&
                              !tracked->job.result_files.empty() && api.file_content;
    const auto done = [this, key, changed, asked] {
        end_check(key, asked);
        finetune::TrackedJob* job = state_.finetune.find_job(key);
        if (job == nullptr) return;
        if (changed) state_.unsaved = true;
        unchanged_[key] = changed ? 0 : unchanged_[key] + 1;
        if (job->needs_watching()) {
            schedule(key, finetune::poll_delay(job->job.status, unchanged_[key], state_.finetune.check_seconds));
        } else if (changed && api::is_final(job->job.status)) {
            const api::Job& j = job->job;
            state_.set_status(j.status == api::JobStatus::Succeeded ? Level::Info : Level::Error,
                              j.status == api::JobStatus::Succeeded
                                  ? "Job " + j.id + " succeeded: " + j.fine_tuned_model + " is offered in Evaluate."
                              : j.status == api::JobStatus::Cancelled
                                  ? "Job " + j.id + " was cancelled."
                                  : "Job " + j.id + " failed: " + (j.error ? j.error->message : std::string("no reason given")));
        }
    };
    // Then the result file, once the job has succeeded: it completes the curves.
    std::function<void()> read_result = done;
    if (wants_result) {
        const std::string file_id = tracked->job.result_files.front();
        read_result = [this, api, endpoint, profile, file_id, key, done, asked] {
            waiting_on(key, asked, runner_.send(profile, api.file_content(endpoint, file_id), api::RetryPolicy{},
                         [this, key, done](api::HttpResponse response) {
                             post_([key, done, response = std::move(response)](State& state) {
                                 if (finetune::TrackedJob* job = state.finetune.find_job(key)) take_result(*job, response);
                                 state.unsaved = true;
                                 done();
                             });
                         }));
        };
    }
    if (!wants_checkpoints) {
        read_result();
        return;
    }
    waiting_on(key, asked, runner_.send(profile, api.checkpoints(endpoint, key), api::RetryPolicy{},
                 [this, api, key, read_result](api::HttpResponse response) {
                     post_([this, api, key, read_result, response = std::move(response)](State&) {
                         if (finetune::TrackedJob* job = state_.finetune.find_job(key)) {
                             if (const auto* list = api::value_of(api.parse_checkpoints(response))) job->checkpoints = *list;
                         }
                         read_result();
                     });
                 }));
}

void JobsController::cancel(const std::string& key) {
    finetune::TrackedJob* tracked = state_.finetune.find_job(key);
    if (tracked == nullptr || !tracked->confirmed() || cancel_calls_.count(key) > 0) return;
    const std::string profile = tracked->profile;
    const api::FineTuneApi api = api_for(profile);
    cancel_calls_[key] = runner_.send(profile, api.cancel(providers_.endpoint(profile), key), api::RetryPolicy{},
                 [this, api, key](api::HttpResponse response) {
                     cancel_calls_.erase(key);
                     post_([this, api, key, response = std::move(response)](State& state) {
                         state.finetune.cancels_sent.erase(key);
                         finetune::TrackedJob* job = state.finetune.find_job(key);
                         if (job == nullptr) return;
                         const auto got = api.jobs.parse_job(response);
                         if (const auto* error = std::get_if<api::ApiError>(&got)) {
                             state.set_status(Level::Error, "Cancelling " + key + " failed: " + api::describe(*error));
                             return;
                         }
                         state.set_status(Level::Info, "Cancelling job " + key + "…");
                         unchanged_[key] = 0;
                         schedule(key, 0);
                     });
                 });
    state_.finetune.cancels_sent.insert(key);
}

void JobsController::stop_waiting_for_cancel(const std::string& key) {
    const auto found = cancel_calls_.find(key);
    if (found == cancel_calls_.end()) return;
    const bool sent = runner_.has_gone_out(found->second);
    runner_.cancel(found->second);
    cancel_calls_.erase(found);
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
    if (attach_call_ != 0) runner_.cancel(attach_call_);  // the id asked for last is the one wanted
    const api::FineTuneApi api = api_for(profile);
    state_.finetune.attaching = job_id;
    attach_call_ = runner_.send(profile, api.get(providers_.endpoint(profile), job_id), api::RetryPolicy{},
                 [this, api, profile, job_id](api::HttpResponse response) {
                     attach_call_ = 0;
                     post_([this, api, profile, job_id, response = std::move(response)](State& state) {
                         state.finetune.attaching.clear();
                         const auto got = api.jobs.parse_job(response);
                         if (const auto* error = std::get_if<api::ApiError>(&got)) {
                             state.set_status(Level::Error, "Could not attach job " + job_id + ": " + api::describe(*error));
                             return;
                         }
                         finetune::TrackedJob tracked;
                         tracked.profile = profile;
                         tracked.job = std::get<api::Job>(got);
                         tracked.client_id = tracked.job.client_id;
                         const std::string key = tracked.job.id;
                         if (state.finetune.find_job(key) == nullptr) state.finetune.jobs.push_back(std::move(tracked));
                         state.finetune.shown_job = key;
                         state.unsaved = true;
                         state.set_status(Level::Info, "Attached job " + key + ".");
                         schedule(key, 0);
                     });
                 });
}

void JobsController::cancel_attach() {
    if (attach_call_ == 0) return;
    runner_.cancel(attach_call_);
    attach_call_ = 0;
    const std::string job_id = std::exchange(state_.finetune.attaching, {});
    state_.set_status(Level::Info, "Stopped attaching job " + job_id +
                                       ": it is not followed here. The job itself is untouched at the provider; attach it again any time.");
}

void JobsController::list_recent(const std::string& profile) {
    if (const std::string missing = missing_for(profile); !missing.empty()) {
        state_.finetune.recent = RecentJobs{RecentJobs::Phase::Failed, profile, {}, missing};
        return;
    }
    cancel_list_recent();
    state_.finetune.recent = RecentJobs{RecentJobs::Phase::Loading, profile, {}, {}};
    const api::FineTuneApi api = api_for(profile);
    recent_call_ = runner_.send(profile, api.jobs.list(providers_.endpoint(profile)), api::RetryPolicy{},
                 [this, api, profile](api::HttpResponse response) {
                     recent_call_ = 0;
                     post_([api, profile, response = std::move(response)](State& state) {
                         const auto jobs = api.jobs.parse_jobs(response);
                         if (const auto* error = std::get_if<api::ApiError>(&jobs)) {
                             state.finetune.recent = RecentJobs{RecentJobs::Phase::Failed, profile, {}, api::describe(*error)};
                             return;
                         }
                         state.finetune.recent = RecentJobs{RecentJobs::Phase::Ok, profile, std::get<std::vector<api::Job>>(jobs), {}};
                     });
                 });
}

void JobsController::cancel_list_recent() {
    if (recent_call_ == 0) return;
    runner_.cancel(recent_call_);
    recent_call_ = 0;
    state_.finetune.recent = RecentJobs{};
}

void JobsController::cancel_upload() {
    if (upload_call_ == 0 || state_.finetune.launch.phase != Launch::Phase::Uploading) return;
    runner_.cancel(upload_call_);
    upload_call_ = 0;
    launch_failed("The upload was cancelled; nothing was created. Start fine-tuning again when ready.");
}

void JobsController::stop_waiting_for_create() {
    if (state_.finetune.launch.phase != Launch::Phase::Creating) return;
    const auto flow = flows_.find(creating_);
    if (flow == flows_.end()) return;
    const bool sent = create_call_ != 0 && runner_.has_gone_out(create_call_);
    if (create_call_ != 0) runner_.cancel(create_call_);  // a wait between tries finds the flow gone
    create_call_ = 0;
    const api::CreateJobFlow::Step stopped = flow->second->stop_waiting(sent);
    const std::string client_id = creating_;
    flows_.erase(flow);
    creating_.clear();
    state_.unsaved = true;
    if (!stopped.may_exist) {
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
