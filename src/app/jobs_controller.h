#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "app/providers_controller.h"
#include "app/request_runner.h"
#include "core/api/create_job_flow.h"
#include "core/api/fine_tune_api.h"
#include "core/workflow/state.h"

namespace tb::app {

// Fine-tuning jobs at the providers: starting one (upload, then create without ever paying twice),
// watching each until it is done (status, every event page, checkpoints, the result file), cancelling,
// and attaching jobs started elsewhere. Everything learnt goes into the State, which is saved at once.
class JobsController {
public:
    using Post = std::function<void(std::function<void(workflow::State&)>)>;

    JobsController(workflow::State& state, Post post, RequestRunner& runner, ProvidersController& providers);

    void start_job();
    // After a restore: watch every job that is not done, and look for any whose creation went unanswered.
    // `only_stalled`: just the jobs whose last check failed (a key was missing, say).
    void resume_watching(bool only_stalled = false);
    void check_now(const std::string& key);
    // Drops the requests of a Check now; watching goes on at its usual pace.
    void cancel_check(const std::string& key);
    void cancel(const std::string& key);
    // Stops waiting for the answer to a cancel; the cancel itself may have reached the provider.
    void stop_waiting_for_cancel(const std::string& key);
    void attach(const std::string& profile, const std::string& job_id);
    void cancel_attach();
    void list_recent(const std::string& profile);
    void cancel_list_recent();
    // Stops the upload of the training files.
    void cancel_upload();
    // Stops waiting for the job's creation. A job the provider may have made stays, unconfirmed, to be
    // found by its client id (Check now, or the next visit); its create is never sent again.
    void stop_waiting_for_create();
    // Checks scheduled or running (to keep frames coming while a check is out).
    bool busy() const { return checking_ > 0 || launching_; }

private:
    std::string missing_for(const std::string& profile) const;
    // False, with the reason shown on the job, when its provider has no key yet.
    bool can_ask(finetune::TrackedJob& tracked, const char* then) const;
    // The job a check in flight is about, or null (and the check counted as ended) if it is gone.
    finetune::TrackedJob* still_checked(const std::string& key, bool asked);
    // A check the person asked for (`asked`) waits on `call` now: Cancel check stops that one.
    void waiting_on(const std::string& key, bool asked, int call);
    // A check ends: answered, cancelled, or its job gone.
    void end_check(const std::string& key, bool asked);
    api::FineTuneApi api_for(const std::string& profile) const;
    void upload(bool validation, std::function<void(std::string file_id)> then);
    void create(const std::string& training_id, const std::string& validation_id);
    void follow_create(const std::string& client_id, api::CreateJobFlow::Step step);
    void launch_failed(const std::string& error);
    // `asked`: the check is the person's (Check now), who waits on it and may cancel it.
    void schedule(const std::string& key, double seconds, bool asked = false);
    void check(const std::string& key, int generation, bool asked);
    void read_events(const std::string& key, std::string after, bool changed, bool asked);
    void finish_check(const std::string& key, bool changed, bool asked);
    void look_for_unconfirmed(const std::string& client_id, bool asked = false);

    workflow::State& state_;
    Post post_;
    RequestRunner& runner_;
    ProvidersController& providers_;
    std::map<std::string, std::unique_ptr<api::CreateJobFlow>> flows_;  // by client id
    std::map<std::string, int> generation_;  // by job key: a newer schedule makes older ones void
    std::map<std::string, int> unchanged_;   // checks in a row that brought nothing new
    int checking_ = 0;
    bool launching_ = false;
    // The runner's calls the person may stop waiting for (0: none).
    int recent_call_ = 0;  // listing recent jobs
    int upload_call_ = 0;  // uploading a file
    int attach_call_ = 0;  // the first GET of a job being attached
    int create_call_ = 0;  // the create flow's request under way (none while it waits to try again)
    std::string creating_;                     // client id of the job being created, or empty
    unsigned long long creates_ = 0;           // creates sent: two in one millisecond get two client ids
    std::map<std::string, int> asked_checks_;  // by job key: the request a Check now waits on
    std::map<std::string, int> cancel_calls_;  // by job key: a cancel awaiting its answer
};

}  // namespace tb::app
