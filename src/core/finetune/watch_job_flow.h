#pragma once

#include <optional>

#include "core/api/fine_tune_api.h"
#include "core/api/flow.h"
#include "core/finetune/tracked_job.h"

namespace tb::finetune {

// One check of a confirmed job, as a step machine: the job itself, then every event page that brings
// news (older pages while a full page was all new), the checkpoints when something changed while it runs
// or once it succeeded, and the result file once it succeeded; then Done. A failed read is kept in
// watch_error (shown until a check succeeds) and the check goes on as far as it can, so it never fails.
// The owner copies what was learnt (copy_learnt) after every step and schedules the next check.
class WatchJobFlow : public api::Flow {
public:
    // `tracked`: the job as last known. `unchanged_checks`: checks in a row before this one that brought
    // nothing new (the pace of checking slows over them).
    WatchJobFlow(api::FineTuneApi api, api::Endpoint endpoint, TrackedJob tracked, int unchanged_checks = 0);

    api::FlowStep start() override;
    api::FlowStep on_response(const api::HttpResponse& response, double now_epoch_seconds, double jitter) override;
    // The check never waits (the runner retries each read as the default policy says).
    api::FlowStep resume() override;

    // What the check has learnt so far of the job, its events, checkpoints and metrics.
    const TrackedJob& tracked() const { return tracked_; }
    // Copies it into the State's job (the profile and client ids there stay the State's).
    void copy_learnt(TrackedJob& into) const;
    // Something about the job changed, or there were new events.
    bool changed() const { return changed_; }
    // The experiment has something new to save (a change, or the result file read).
    bool worth_saving() const { return changed_ || result_taken_; }
    // Checks in a row, this one included, that brought nothing new.
    int unchanged_checks() const { return changed_ ? 0 : unchanged_before_ + 1; }
    // Once Done: seconds until the next check, or nothing when the job needs no more watching.
    std::optional<double> next_check_seconds(double base_seconds) const;

private:
    enum class Reading { Job, Events, Checkpoints, Result };

    api::FlowStep read_events(const std::string& after);
    // After the events: the checkpoints, then the result file, as the job's state asks.
    api::FlowStep after_events();
    api::FlowStep read_result();
    void take_job(const api::HttpResponse& response);
    void take_events(const api::HttpResponse& response, std::optional<std::string>& older);
    void take_result(const api::HttpResponse& response);
    api::FlowStep send(api::HttpRequest request, Reading reading);

    api::FineTuneApi api_;
    api::Endpoint endpoint_;
    TrackedJob tracked_;
    int unchanged_before_ = 0;
    Reading reading_ = Reading::Job;
    bool changed_ = false;
    bool result_taken_ = false;
};

}  // namespace tb::finetune
