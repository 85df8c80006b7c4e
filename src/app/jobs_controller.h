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
    void cancel(const std::string& key);
    void attach(const std::string& profile, const std::string& job_id);
    void list_recent(const std::string& profile);
    void cancel_list_recent();
    // Stops the upload of the training files; a create already sent is left to its answer.
    void cancel_upload();
    // Checks scheduled or running (to keep frames coming while a check is out).
    bool busy() const { return checking_ > 0 || launching_; }

private:
    std::string missing_for(const std::string& profile) const;
    // False, with the reason shown on the job, when its provider has no key yet.
    bool can_ask(finetune::TrackedJob& tracked, const char* then) const;
    // The job a check in flight is about, or null (and the check counted as ended) if it is gone.
    finetune::TrackedJob* still_checked(const std::string& key);
    api::FineTuneApi api_for(const std::string& profile) const;
    void upload(bool validation, std::function<void(std::string file_id)> then);
    void create(const std::string& training_id, const std::string& validation_id);
    void follow_create(const std::string& client_id, api::CreateJobFlow::Step step);
    void launch_failed(const std::string& error);
    void schedule(const std::string& key, double seconds);
    void check(const std::string& key, int generation);
    void read_events(const std::string& key, std::string after, bool changed);
    void finish_check(const std::string& key, bool changed);
    void look_for_unconfirmed(const std::string& client_id);

    workflow::State& state_;
    Post post_;
    RequestRunner& runner_;
    ProvidersController& providers_;
    std::map<std::string, std::unique_ptr<api::CreateJobFlow>> flows_;  // by client id
    std::map<std::string, int> generation_;  // by job key: a newer schedule makes older ones void
    std::map<std::string, int> unchanged_;   // checks in a row that brought nothing new
    int checking_ = 0;
    bool launching_ = false;
    int recent_call_ = 0;  // the runner's call listing recent jobs, or 0
    int upload_call_ = 0;  // the runner's call uploading a file, or 0
};

}  // namespace tb::app
