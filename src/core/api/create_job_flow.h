#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/api/fine_tuning.h"
#include "core/api/flow.h"
#include "core/api/openai_dialect.h"
#include "core/api/retry.h"

namespace tb::api {

// The calls of one provider's dialect that creating a job needs.
struct JobDialect {
    std::function<HttpRequest(const Endpoint&, const CreateJob&)> create;
    std::function<HttpRequest(const Endpoint&)> list;
    std::function<Result<Job>(const HttpResponse&)> parse_job;
    std::function<Result<std::vector<Job>>(const HttpResponse&)> parse_jobs;
};
JobDialect openai_job_dialect();
JobDialect together_job_dialect();

// Creates a fine-tuning job without ever paying for two. A create that fails ambiguously (a timeout, a
// dropped connection, a 5xx: the job may exist) is never simply sent again: the provider's recent jobs
// are listed first, and the one carrying this job's client id is adopted. Only when it is not there is
// the create sent again. Answers that say the job was not made (4xx, 429) follow the retry policy, which
// this flow applies itself between its steps (its Send steps ask the runner for no retries of its own).
class CreateJobFlow : public Flow {
public:
    CreateJobFlow(JobDialect dialect, Endpoint endpoint, CreateJob job, RetryPolicy policy = {});

    FlowStep start() override;
    FlowStep on_response(const HttpResponse& response, double now_epoch_seconds, double jitter) override;
    FlowStep resume() override;
    // The person stopped waiting; the flow ends here (Failed). Whatever was sent may still be acted on:
    // a create that left the browser (`sent`: not still queued behind other requests), or any step after
    // an ambiguous failure, may have made the job (may_exist()). Otherwise nothing was made.
    FlowStep stop_waiting(bool sent = true);

    // What is being created (its client id finds it at the provider).
    const CreateJob& request() const { return job_; }
    // Once Done: the job the provider made.
    const Job& job() const { return made_; }
    // Once Done: found by its client id after an ambiguous failure.
    bool adopted() const { return adopted_; }
    // Once Failed: the provider may have made the job all the same. It must be looked for by its client id
    // before it is given up or created again, whatever the error's status says.
    bool may_exist() const { return may_exist_; }

private:
    FlowStep send_create();
    FlowStep send_list();
    FlowStep retry_or_fail(const HttpResponse& response, double now, double jitter, ApiError error);
    FlowStep finish(const Job& job, bool adopted);

    JobDialect dialect_;
    Endpoint endpoint_;
    CreateJob job_;
    RetryPolicy policy_;
    int retries_ = 0;
    bool listing_ = false;     // the last Send was the list
    bool awaiting_ = false;    // the last Send is still unanswered
    bool ambiguous_ = false;   // a create may have gone through: list before creating again
    Job made_;
    bool adopted_ = false;
    bool may_exist_ = false;
};

// Reasonably unique client ids ("tb-" and 16 hex digits) from any seed the caller has (time, counter).
std::string make_client_id(unsigned long long seed);

}  // namespace tb::api
