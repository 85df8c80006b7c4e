#pragma once

#include <string>
#include <vector>

#include "core/api/openai_dialect.h"

namespace tb::api::together {

// Together AI's own fine-tuning API, mapped onto the same job model as OpenAI's. Its file objects and
// chat endpoint are OpenAI's shape: openai::parse_file and openai::chat serve them.
HttpRequest upload_file(const Endpoint& endpoint, const std::string& file_name, const std::string& jsonl,
                        unsigned long long boundary_seed);
// A JSONL file for any purpose ("fine-tune", "batch-api").
HttpRequest upload_jsonl(const Endpoint& endpoint, const std::string& purpose, const std::string& file_name,
                         const std::string& jsonl, unsigned long long boundary_seed);
// Together has no metadata: the client id goes into the suffix, which its output model name carries.
HttpRequest create_job(const Endpoint& endpoint, const CreateJob& job);
HttpRequest get_job(const Endpoint& endpoint, const std::string& job_id);
HttpRequest list_jobs(const Endpoint& endpoint);
HttpRequest cancel_job(const Endpoint& endpoint, const std::string& job_id);
HttpRequest list_events(const Endpoint& endpoint, const std::string& job_id);
HttpRequest list_checkpoints(const Endpoint& endpoint, const std::string& job_id);
HttpRequest metrics(const Endpoint& endpoint, const std::string& job_id);

JobStatus status_from(std::string_view text);

Result<Job> parse_job(const HttpResponse& response);
Result<std::vector<Job>> parse_jobs(const HttpResponse& response);
Result<std::vector<JobEvent>> parse_events(const HttpResponse& response);
Result<std::vector<Checkpoint>> parse_checkpoints(const HttpResponse& response);
// {"metrics": [{"train/loss", "train/global_step", "eval/loss", …}]}: Together reports no token accuracy.
Result<std::vector<StepMetrics>> parse_metrics(const HttpResponse& response);

}  // namespace tb::api::together
