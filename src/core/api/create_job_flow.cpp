#include "core/api/create_job_flow.h"

#include <cstdio>

#include "core/api/together_dialect.h"
#include "core/data/hashing.h"

namespace tb::api {

namespace {
// The flow decides itself when to ask again (listing first after an ambiguous failure): the runner must not.
constexpr RetryPolicy kNoRetries{0, 0};

bool may_have_been_created(const HttpResponse& response) {
    return response.status == 0 || response.status >= 500 || response.status == 408;
}
}  // namespace

JobDialect openai_job_dialect() {
    return {openai::create_job, [](const Endpoint& endpoint) { return openai::list_jobs(endpoint, 50); },
            openai::parse_job, openai::parse_jobs};
}

JobDialect together_job_dialect() {
    return {together::create_job, together::list_jobs, together::parse_job, together::parse_jobs};
}

std::string make_client_id(unsigned long long seed) {
    return "tb-" + data::hex64(data::mix64(seed));
}

CreateJobFlow::CreateJobFlow(JobDialect dialect, Endpoint endpoint, CreateJob job, RetryPolicy policy)
    : dialect_(std::move(dialect)), endpoint_(std::move(endpoint)), job_(std::move(job)), policy_(policy) {}

FlowStep CreateJobFlow::send_create() {
    listing_ = false;
    awaiting_ = true;
    return FlowStep::send(dialect_.create(endpoint_, job_), kNoRetries, "Creating the job…");
}

FlowStep CreateJobFlow::send_list() {
    listing_ = true;
    awaiting_ = true;
    return FlowStep::send(dialect_.list(endpoint_), kNoRetries, "Looking for the job by its client id…");
}

FlowStep CreateJobFlow::start() { return send_create(); }

FlowStep CreateJobFlow::resume() { return ambiguous_ ? send_list() : send_create(); }

FlowStep CreateJobFlow::finish(const Job& job, bool adopted) {
    made_ = job;
    adopted_ = adopted;
    return FlowStep::done();
}

FlowStep CreateJobFlow::retry_or_fail(const HttpResponse& response, double now, double jitter, ApiError error) {
    const auto wait = policy_.wait_before_retry(response, retries_, now, jitter);
    if (!wait) {
        if (ambiguous_) {
            error.guidance = "The provider may have created the job without saying so: look at its list of "
                             "jobs (Attach to a job) before creating another, so as not to pay twice.";
        }
        may_exist_ = ambiguous_;
        return FlowStep::failed(std::move(error));
    }
    ++retries_;
    return FlowStep::wait(*wait);
}

FlowStep CreateJobFlow::on_response(const HttpResponse& response, double now, double jitter) {
    awaiting_ = false;
    if (listing_) {
        const auto jobs = dialect_.parse_jobs(response);
        if (const auto* list = value_of(jobs)) {
            if (const Job* found = find_job_by_client_id(*list, job_.client_id)) return finish(*found, true);
            // Not there: the create did not go through, and may be sent again.
            ambiguous_ = false;
            return send_create();
        }
        return retry_or_fail(response, now, jitter, std::get<ApiError>(jobs));
    }
    const auto created = dialect_.parse_job(response);
    if (const Job* job = value_of(created)) return finish(*job, false);
    if (may_have_been_created(response) && !job_.client_id.empty()) ambiguous_ = true;
    return retry_or_fail(response, now, jitter, std::get<ApiError>(created));
}

FlowStep CreateJobFlow::stop_waiting(bool sent) {
    // A request the browser stops waiting for may still have reached the provider, and been acted on.
    const bool create_out = awaiting_ && sent && !listing_;
    may_exist_ = ambiguous_ || create_out;
    ApiError error;
    error.message = "Tuneboard stopped waiting for the provider's answer.";
    if (may_exist_) {
        error.guidance = job_.client_id.empty()
                             ? "The provider may have created the job: look at its list of jobs before creating another, "
                               "so as not to pay twice."
                             : "The provider may have created the job: it is found by its client id " + job_.client_id +
                                   " before anything is created again.";
    }
    awaiting_ = false;
    return FlowStep::failed(std::move(error));
}

}  // namespace tb::api
