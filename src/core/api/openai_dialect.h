#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/fine_tuning.h"
#include "core/api/result.h"

namespace tb::api {

// Where and how to reach a provider. Azure takes its key in an `api-key` header; the others a Bearer
// token. The key lives here, in memory, and goes nowhere but into these requests' headers.
struct Endpoint {
    std::string base_url;  // ".../v1", with or without a trailing slash
    std::string key;
    bool azure_key_header = false;
};

// OpenAI's API, which Azure OpenAI (v1), Nebius and any OpenAI-compatible server share. Pure functions:
// intents to requests, responses to results.
namespace openai {

// A request to `path` under the endpoint, carrying its key; `json_body` adds the body and Content-Type.
HttpRequest authorized(const Endpoint& endpoint, std::string method, const std::string& path);
HttpRequest authorized(const Endpoint& endpoint, std::string method, const std::string& path,
                       const std::string& json_body);

// A training file (purpose fine-tune).
HttpRequest upload_file(const Endpoint& endpoint, const std::string& file_name, const std::string& jsonl,
                        unsigned long long boundary_seed);
// A JSONL file for any purpose ("fine-tune", "batch").
HttpRequest upload_jsonl(const Endpoint& endpoint, const std::string& purpose, const std::string& file_name,
                         const std::string& jsonl, unsigned long long boundary_seed);
HttpRequest create_job(const Endpoint& endpoint, const CreateJob& job);
HttpRequest get_job(const Endpoint& endpoint, const std::string& job_id);
HttpRequest list_jobs(const Endpoint& endpoint, int limit);
HttpRequest cancel_job(const Endpoint& endpoint, const std::string& job_id);
// Newest first; `after` is the id of the last event of the previous page (empty: from the newest).
HttpRequest list_events(const Endpoint& endpoint, const std::string& job_id, const std::string& after, int limit);
HttpRequest list_checkpoints(const Endpoint& endpoint, const std::string& job_id);
HttpRequest get_file(const Endpoint& endpoint, const std::string& file_id);
HttpRequest file_content(const Endpoint& endpoint, const std::string& file_id);
HttpRequest list_models(const Endpoint& endpoint);

Result<UploadedFile> parse_file(const HttpResponse& response);
Result<Job> parse_job(const HttpResponse& response);
Result<std::vector<Job>> parse_jobs(const HttpResponse& response);
struct EventPage {
    std::vector<JobEvent> events;
    bool has_more = false;
};
Result<EventPage> parse_events(const HttpResponse& response);
Result<std::vector<Checkpoint>> parse_checkpoints(const HttpResponse& response);
Result<std::vector<ModelInfo>> parse_models(const HttpResponse& response);

JobStatus status_from(std::string_view text);

// A result file's content as CSV text: OpenAI's cookbook base64-decodes it, other servers send the CSV
// itself; both are taken. Returns nothing when it is neither.
std::optional<std::string> result_file_text(std::string_view content);

}  // namespace openai

// `base` + "/" + `path`, with exactly one slash between them.
std::string join_url(const std::string& base, const std::string& path);

}  // namespace tb::api
