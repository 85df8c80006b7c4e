#include "core/api/openai_dialect.h"

#include <nlohmann/json.hpp>

#include "core/api/json_reading.h"
#include "core/api/multipart.h"
#include "core/text/base64.h"
#include "core/text/json_fields.h"
#include "core/text/json_text.h"

namespace tb::api {

using nlohmann::json;

std::string join_url(const std::string& base, const std::string& path) {
    std::string url = base;
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url + "/" + (path.empty() || path.front() != '/' ? path : path.substr(1));
}

namespace openai {

HttpRequest authorized(const Endpoint& endpoint, std::string method, const std::string& path) {
    HttpRequest out;
    out.method = std::move(method);
    out.url = join_url(endpoint.base_url, path);
    if (!endpoint.key.empty()) {
        if (endpoint.azure_key_header) {
            out.headers.emplace_back("api-key", endpoint.key);
        } else {
            out.headers.emplace_back("Authorization", "Bearer " + endpoint.key);
        }
    }
    return out;
}

HttpRequest authorized(const Endpoint& endpoint, std::string method, const std::string& path,
                       const std::string& json_body) {
    HttpRequest out = authorized(endpoint, std::move(method), path);
    out.headers.emplace_back("Content-Type", "application/json");
    out.body = json_body;
    return out;
}

namespace {

StepMetrics metrics_from(const json& data) {
    StepMetrics metrics;
    // The spec types step as a number, not an integer.
    metrics.step = static_cast<std::int64_t>(text::optional_number(data, "step").value_or(0));
    metrics.total_steps = static_cast<std::int64_t>(text::optional_number(data, "total_steps").value_or(0));
    metrics.train_loss = text::optional_number(data, "train_loss");
    metrics.train_accuracy = text::optional_number(data, "train_mean_token_accuracy");
    metrics.valid_loss = text::optional_number(data, "valid_loss");
    metrics.valid_accuracy = text::optional_number(data, "valid_mean_token_accuracy");
    metrics.full_valid_loss = text::optional_number(data, "full_valid_loss");
    metrics.full_valid_accuracy = text::optional_number(data, "full_valid_mean_token_accuracy");
    return metrics;
}

Job job_from(const json& body) {
    Job job;
    text::read_field(body, "id", job.id);
    text::read_field(body, "model", job.model);
    text::read_field(body, "status", job.status_text);
    job.status = status_from(job.status_text);
    text::read_field(body, "fine_tuned_model", job.fine_tuned_model);
    text::read_field(body, "training_file", job.training_file);
    text::read_field(body, "validation_file", job.validation_file);
    text::read_field(body, "result_files", job.result_files);
    text::read_field(body, "created_at", job.created_at);
    text::read_field(body, "finished_at", job.finished_at);
    text::read_field(body, "estimated_finish", job.estimated_finish);
    text::read_field(body, "trained_tokens", job.trained_tokens);
    if (body.contains("metadata") && body["metadata"].is_object()) {
        text::read_field(body["metadata"], "tuneboard_id", job.client_id);
    }
    if (body.contains("error") && body["error"].is_object()) {
        JobError error;
        text::read_field(body["error"], "code", error.code);
        text::read_field(body["error"], "message", error.message);
        text::read_field(body["error"], "param", error.param);
        if (!error.code.empty() || !error.message.empty()) job.error = error;
    }
    return job;
}

json hyperparameter(const std::optional<double>& value) {
    if (!value) return "auto";
    // Whole numbers go as integers: the spec types n_epochs and batch_size as integers.
    if (*value == static_cast<double>(static_cast<long long>(*value))) return static_cast<long long>(*value);
    return *value;
}

}  // namespace

JobStatus status_from(std::string_view text) {
    if (text == "validating_files") return JobStatus::ValidatingFiles;
    if (text == "queued") return JobStatus::Queued;
    if (text == "running") return JobStatus::Running;
    if (text == "pausing") return JobStatus::Pausing;
    if (text == "paused") return JobStatus::Paused;
    if (text == "succeeded") return JobStatus::Succeeded;
    if (text == "failed") return JobStatus::Failed;
    if (text == "cancelled") return JobStatus::Cancelled;
    return JobStatus::Unknown;
}

HttpRequest upload_file(const Endpoint& endpoint, const std::string& file_name, const std::string& jsonl,
                        unsigned long long boundary_seed) {
    return upload_jsonl(endpoint, "fine-tune", file_name, jsonl, boundary_seed);
}

HttpRequest upload_jsonl(const Endpoint& endpoint, const std::string& purpose, const std::string& file_name,
                         const std::string& jsonl, unsigned long long boundary_seed) {
    Multipart form(make_boundary({file_name, jsonl}, boundary_seed));
    form.add_field("purpose", purpose);
    form.add_file("file", file_name, "application/jsonl", jsonl);
    HttpRequest out = authorized(endpoint, "POST", "files");
    out.headers.emplace_back("Content-Type", form.content_type());
    out.body = form.body();
    out.kind = RequestKind::Upload;  // up to 512 MB
    return out;
}

HttpRequest create_job(const Endpoint& endpoint, const CreateJob& job) {
    json body = {{"model", job.model},
                 {"training_file", job.training_file},
                 {"method",
                  {{"type", "supervised"},
                   {"supervised",
                    {{"hyperparameters",
                      {{"n_epochs", hyperparameter(job.hyperparameters.n_epochs)},
                       {"batch_size", hyperparameter(job.hyperparameters.batch_size)},
                       {"learning_rate_multiplier", hyperparameter(job.hyperparameters.learning_rate_multiplier)}}}}}}}};
    if (!job.validation_file.empty()) body["validation_file"] = job.validation_file;
    if (!job.suffix.empty()) body["suffix"] = job.suffix;
    if (job.seed) body["seed"] = *job.seed;
    if (!job.client_id.empty()) body["metadata"] = {{"tuneboard_id", job.client_id}};
    return authorized(endpoint, "POST", "fine_tuning/jobs", text::dump_json(body));
}

HttpRequest get_job(const Endpoint& endpoint, const std::string& job_id) {
    return authorized(endpoint, "GET", "fine_tuning/jobs/" + job_id);
}

HttpRequest list_jobs(const Endpoint& endpoint, int limit) {
    return authorized(endpoint, "GET", "fine_tuning/jobs?limit=" + std::to_string(limit));
}

HttpRequest cancel_job(const Endpoint& endpoint, const std::string& job_id) {
    return authorized(endpoint, "POST", "fine_tuning/jobs/" + job_id + "/cancel");
}

HttpRequest list_events(const Endpoint& endpoint, const std::string& job_id, const std::string& after, int limit) {
    std::string path = "fine_tuning/jobs/" + job_id + "/events?limit=" + std::to_string(limit);
    if (!after.empty()) path += "&after=" + after;
    HttpRequest out = authorized(endpoint, "GET", path);
    out.kind = RequestKind::Events;
    return out;
}

HttpRequest list_checkpoints(const Endpoint& endpoint, const std::string& job_id) {
    return authorized(endpoint, "GET", "fine_tuning/jobs/" + job_id + "/checkpoints?limit=100");
}

HttpRequest get_file(const Endpoint& endpoint, const std::string& file_id) {
    return authorized(endpoint, "GET", "files/" + file_id);
}

HttpRequest file_content(const Endpoint& endpoint, const std::string& file_id) {
    HttpRequest out = authorized(endpoint, "GET", "files/" + file_id + "/content");
    out.kind = RequestKind::FileContent;
    return out;
}

HttpRequest list_models(const Endpoint& endpoint) { return authorized(endpoint, "GET", "models"); }

Result<UploadedFile> parse_file(const HttpResponse& response) {
    return parse_json_object<UploadedFile>(response, [](const json& body) {
        UploadedFile file;
        text::read_field(body, "id", file.id);
        text::read_field(body, "bytes", file.bytes);
        text::read_field(body, "filename", file.filename);
        text::read_field(body, "purpose", file.purpose);
        return file;
    });
}

Result<Job> parse_job(const HttpResponse& response) { return parse_json_object<Job>(response, job_from); }

Result<std::vector<Job>> parse_jobs(const HttpResponse& response) {
    return parse_json_object<std::vector<Job>>(response, [](const json& body) {
        std::vector<Job> jobs;
        for (const json& item : array_at(body, "data")) jobs.push_back(job_from(item));
        return jobs;
    });
}

Result<EventPage> parse_events(const HttpResponse& response) {
    return parse_json_object<EventPage>(response, [](const json& body) {
        EventPage page;
        text::read_field(body, "has_more", page.has_more);
        for (const json& item : array_at(body, "data")) {
            JobEvent event;
            text::read_field(item, "id", event.id);
            text::read_field(item, "created_at", event.created_at);
            text::read_field(item, "level", event.level);
            text::read_field(item, "message", event.message);
            std::string type;
            text::read_field(item, "type", type);
            if (type == "metrics" && item.contains("data") && item["data"].is_object()) {
                event.metrics = metrics_from(item["data"]);
            }
            page.events.push_back(std::move(event));
        }
        return page;
    });
}

Result<std::vector<Checkpoint>> parse_checkpoints(const HttpResponse& response) {
    return parse_json_object<std::vector<Checkpoint>>(response, [](const json& body) {
        std::vector<Checkpoint> checkpoints;
        for (const json& item : array_at(body, "data")) {
            Checkpoint checkpoint;
            text::read_field(item, "id", checkpoint.id);
            text::read_field(item, "fine_tuned_model_checkpoint", checkpoint.model);
            text::read_field(item, "step_number", checkpoint.step);
            if (item.contains("metrics")) checkpoint.metrics = metrics_from(item["metrics"]);
            checkpoint.metrics.step = checkpoint.step;
            checkpoints.push_back(std::move(checkpoint));
        }
        return checkpoints;
    });
}

Result<std::vector<ModelInfo>> parse_models(const HttpResponse& response) {
    // Together (and some local servers) answer with a bare array rather than {"data": [...]}.
    if (response.ok()) {
        const auto parsed = text::parse_json(response.body);
        if (parsed.ok() && parsed.value.is_array()) {
            HttpResponse wrapped = response;
            wrapped.body = text::dump_json(json{{"data", parsed.value}});
            return parse_models(wrapped);
        }
    }
    return parse_json_object<std::vector<ModelInfo>>(response, [](const json& body) {
        std::vector<ModelInfo> models;
        for (const json& item : array_at(body, "data")) {
            ModelInfo model;
            text::read_field(item, "id", model.id);
            text::read_field(item, "owned_by", model.owned_by);
            text::read_field(item, "created", model.created);
            std::string shutdown;
            text::read_field(item, "shutdown_date", shutdown);
            if (!shutdown.empty()) model.shutdown_date = shutdown;
            if (!model.id.empty()) models.push_back(std::move(model));
        }
        return models;
    });
}

namespace {

bool looks_like_csv(std::string_view text) {
    const std::string_view first_line = text.substr(0, text.find('\n'));
    return first_line.find("step") != std::string_view::npos && first_line.find(',') != std::string_view::npos;
}

}  // namespace

std::optional<std::string> result_file_text(std::string_view content) {
    if (looks_like_csv(content)) return std::string(content);
    if (auto decoded = text::decode_base64(content); decoded && looks_like_csv(*decoded)) return decoded;
    return std::nullopt;
}

}  // namespace openai
}  // namespace tb::api
