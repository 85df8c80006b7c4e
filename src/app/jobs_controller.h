#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "app/providers_controller.h"
#include "app/flow_runner.h"
#include "core/api/create_job_flow.h"
#include "core/api/fine_tune_api.h"
#include "core/finetune/watch_job_flow.h"
#include "core/workflow/state.h"

namespace tb::app {

// Fine-tuning jobs at the providers: starting one (upload, then create without ever paying twice),
// watching each until it is done (status, every event page, checkpoints, the result file), cancelling,
// and attaching jobs started elsewhere. Everything learnt goes into the State, which is saved at once.
class JobsController {
public:
    using Post = std::function<void(std::function<void(workflow::State&)>)>;

    // Every provider call goes through `flows` (core step machines), so stopping one and knowing what is
    // under way is the runner's, never counted here by hand.
    JobsController(workflow::State& state, Post post, FlowRunner& flows, ProvidersController& providers);

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
    // Provider work under way (to keep frames coming while a request is out). The runner may be shared
    // with other controllers: their flows count too, which only keeps frames coming a little longer.
    bool busy() const { return flows_.count() > 0; }

private:
    std::string missing_for(const std::string& profile) const;
    // False, with the reason shown on the job, when its provider has no key yet.
    bool can_ask(finetune::TrackedJob& tracked, const char* then) const;
    api::FineTuneApi api_for(const std::string& profile) const;
    // Runs `flow` for this controller under `key`; `on_step` gets the flow as its own type.
    template <typename F>
    void run(const std::string& key, const std::string& profile, std::unique_ptr<F> flow,
             std::function<void(F&, const api::FlowStep&)> on_step);
    // Upload the training file, then the validation file (if any), then create the job: each step starts
    // the next from its Done.
    void upload(bool validation, const std::string& training_id);
    void create(const std::string& training_id, const std::string& validation_id);
    // The client id of the job whose create is under way, or empty.
    std::string creating();
    void created(const std::string& client_id, api::CreateJobFlow& flow, const api::FlowStep& step);
    void launch_failed(const std::string& error);
    void schedule(const std::string& key, double seconds);
    // One check of the job now; `asked`: the person's (Check now), who waits on it and may cancel it.
    void check(const std::string& key, bool asked);
    void checked(const std::string& key, finetune::WatchJobFlow& flow, const api::FlowStep& step);
    void look_for_unconfirmed(const std::string& client_id, bool asked = false);
    void looked_for(const std::string& client_id, const api::HttpResponse& response);

    workflow::State& state_;
    Post post_;
    FlowRunner& flows_;
    ProvidersController& providers_;
    std::map<std::string, int> unchanged_;  // by job key: checks in a row that brought nothing new
    unsigned long long creates_ = 0;        // creates sent: two in one millisecond get two client ids
};

}  // namespace tb::app
