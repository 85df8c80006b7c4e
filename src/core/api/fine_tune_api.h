#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/api/create_job_flow.h"
#include "core/api/profiles.h"

namespace tb::api {

// Every call fine-tuning makes, for one provider's dialect: the app drives jobs through this table and
// never asks which provider it talks to.
struct FineTuneApi {
    JobDialect jobs;  // create, list, and their answers
    std::function<HttpRequest(const Endpoint&, const std::string& name, const std::string& jsonl,
                              unsigned long long boundary_seed)>
        upload;
    std::function<Result<UploadedFile>(const HttpResponse&)> parse_upload;
    std::function<HttpRequest(const Endpoint&, const std::string& job_id)> get, cancel, checkpoints;
    // `after`: the id of the oldest event already read, for the next older page (empty: the newest).
    std::function<HttpRequest(const Endpoint&, const std::string& job_id, const std::string& after)> events;
    std::function<Result<openai::EventPage>(const HttpResponse&)> parse_events;
    std::function<Result<std::vector<Checkpoint>>(const HttpResponse&)> parse_checkpoints;
    // Metrics while the job runs, where the provider has an endpoint for them (Together); else empty.
    std::function<HttpRequest(const Endpoint&, const std::string& job_id)> metrics;
    std::function<Result<std::vector<StepMetrics>>(const HttpResponse&)> parse_metrics;
    // The result file's content, read when the job has succeeded (OpenAI and Azure); else empty.
    std::function<HttpRequest(const Endpoint&, const std::string& file_id)> file_content;
};

FineTuneApi fine_tune_api(Dialect dialect);

}  // namespace tb::api
