#include "core/finetune/watch_job_flow.h"

#include <utility>

#include "core/api/result_metrics.h"

namespace tb::finetune {

using api::FlowStep;
using api::JobStatus;

WatchJobFlow::WatchJobFlow(api::FineTuneApi api, api::Endpoint endpoint, TrackedJob tracked, int unchanged_checks)
    : api_(std::move(api)), endpoint_(std::move(endpoint)), tracked_(std::move(tracked)), unchanged_before_(unchanged_checks) {}

FlowStep WatchJobFlow::send(api::HttpRequest request, Reading reading) {
    reading_ = reading;
    // Reads change nothing at the provider: the runner may ask again as its default policy says.
    return FlowStep::send(std::move(request), api::RetryPolicy{});
}

FlowStep WatchJobFlow::start() { return send(api_.get(endpoint_, tracked_.job.id), Reading::Job); }

FlowStep WatchJobFlow::resume() { return start(); }

FlowStep WatchJobFlow::read_events(const std::string& after) {
    return send(api_.events(endpoint_, tracked_.job.id, after), Reading::Events);
}

FlowStep WatchJobFlow::on_response(const api::HttpResponse& response, double, double) {
    switch (reading_) {
        case Reading::Job: {
            take_job(response);
            // A job that could not be read still has its result file read, if that is what it waits for.
            return tracked_.watch_error.empty() ? read_events({}) : read_result();
        }
        case Reading::Events: {
            std::optional<std::string> older;
            take_events(response, older);
            return older ? read_events(*older) : after_events();
        }
        case Reading::Checkpoints: {
            // Checkpoints that cannot be read are asked for again with the next change. (The answer is
            // kept in a variable: value_of points into it.)
            const auto checkpoints = api_.parse_checkpoints(response);
            if (const auto* list = api::value_of(checkpoints)) tracked_.checkpoints = *list;
            return read_result();
        }
        case Reading::Result:
            take_result(response);
            return FlowStep::done();
    }
    return FlowStep::done();
}

void WatchJobFlow::take_job(const api::HttpResponse& response) {
    const auto got = api_.jobs.parse_job(response);
    if (const auto* error = std::get_if<api::ApiError>(&got)) {
        tracked_.watch_error = api::describe(*error);
        return;
    }
    const api::Job& fresh = std::get<api::Job>(got);
    const api::Job& known = tracked_.job;
    changed_ = fresh.status != known.status || fresh.trained_tokens != known.trained_tokens ||
               fresh.fine_tuned_model != known.fine_tuned_model || fresh.result_files != known.result_files;
    // The provider may not echo our client id (Together): the one we know is kept.
    const std::string client_id = known.client_id.empty() ? tracked_.client_id : known.client_id;
    tracked_.job = fresh;
    if (tracked_.job.client_id.empty()) tracked_.job.client_id = client_id;
    tracked_.watch_error.clear();
}

void WatchJobFlow::take_events(const api::HttpResponse& response, std::optional<std::string>& older) {
    const auto page = api_.parse_events(response);
    if (const auto* error = std::get_if<api::ApiError>(&page)) {
        tracked_.watch_error = "Reading the job's events failed: " + api::describe(*error);
        return;
    }
    const auto& events = std::get<api::openai::EventPage>(page);
    const auto before = tracked_.events;
    api::merge_events(tracked_.events, events.events);
    merge_event_metrics(tracked_.metrics, events.events);
    if (tracked_.events.size() != before.size()) changed_ = true;
    older = next_events_cursor(before, events.events, events.has_more);
}

FlowStep WatchJobFlow::after_events() {
    // Checkpoints appear while a job runs and stay when it succeeds.
    const JobStatus status = tracked_.job.status;
    if (changed_ && (status == JobStatus::Running || status == JobStatus::Succeeded)) {
        return send(api_.checkpoints(endpoint_, tracked_.job.id), Reading::Checkpoints);
    }
    return read_result();
}

FlowStep WatchJobFlow::read_result() {
    // The result file, once the job has succeeded, completes the curves.
    const bool wanted = tracked_.job.status == JobStatus::Succeeded && !tracked_.result_read &&
                        !tracked_.job.result_files.empty() && api_.file_content;
    if (!wanted) return FlowStep::done();
    return send(api_.file_content(endpoint_, tracked_.job.result_files.front()), Reading::Result);
}

void WatchJobFlow::take_result(const api::HttpResponse& response) {
    // A file that cannot be read is said, and not asked for again (it would be the same file).
    tracked_.result_read = true;
    result_taken_ = true;
    const auto text = response.ok() ? api::openai::result_file_text(response.body) : std::nullopt;
    if (!text) {
        tracked_.watch_error = "The result file could not be read (HTTP " + std::to_string(response.status) + ").";
        return;
    }
    const auto parsed = api::parse_result_metrics(*text);
    if (const auto* error = std::get_if<api::ResultMetricsError>(&parsed)) {
        tracked_.watch_error = "The result file, line " + std::to_string(error->line) + ": " + error->message;
        return;
    }
    merge_metrics(tracked_.metrics, std::get<std::vector<api::StepMetrics>>(parsed));
}

void WatchJobFlow::copy_learnt(TrackedJob& into) const {
    into.job = tracked_.job;
    into.events = tracked_.events;
    into.checkpoints = tracked_.checkpoints;
    into.metrics = tracked_.metrics;
    into.result_read = tracked_.result_read;
    into.watch_error = tracked_.watch_error;
}

std::optional<double> WatchJobFlow::next_check_seconds(double base_seconds) const {
    if (!tracked_.needs_watching()) return std::nullopt;
    return poll_delay(tracked_.job.status, unchanged_checks(), base_seconds);
}

}  // namespace tb::finetune
