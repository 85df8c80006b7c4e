#include "core/api/together_dialect.h"

#include <nlohmann/json.hpp>

#include "core/api/json_reading.h"
#include "core/api/multipart.h"
#include "core/text/json_fields.h"
#include "core/text/json_text.h"

namespace tb::api {

using nlohmann::json;

namespace together {

namespace {

Job job_from(const json& body) {
    Job job;
    text::read_field(body, "id", job.id);
    text::read_field(body, "model", job.model);
    text::read_field(body, "status", job.status_text);
    job.status = status_from(job.status_text);
    text::read_field(body, "output_name", job.fine_tuned_model);
    text::read_field(body, "model_output_name", job.fine_tuned_model);
    text::read_field(body, "training_file", job.training_file);
    text::read_field(body, "validation_file", job.validation_file);
    text::read_field(body, "token_count", job.trained_tokens);
    text::read_field(body, "suffix", job.client_id);
    job.created_at = time_at(body, "created_at");
    if (is_final(job.status)) job.finished_at = time_at(body, "updated_at");
    if (job.status == JobStatus::Failed) {
        JobError error;
        error.message = "Together reports an error for this job; its events say why.";
        job.error = error;
    }
    return job;
}

}  // namespace

JobStatus status_from(std::string_view text) {
    if (text == "pending" || text == "queued") return JobStatus::Queued;
    // Compressing and uploading are the end of a run; a cancel request is not a cancel yet.
    if (text == "running" || text == "compressing" || text == "uploading" || text == "cancel_requested") {
        return JobStatus::Running;
    }
    if (text == "completed") return JobStatus::Succeeded;
    if (text == "error") return JobStatus::Failed;
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
    form.add_field("file_name", file_name);
    form.add_file("file", file_name, "application/jsonl", jsonl);
    HttpRequest out = openai::authorized(endpoint, "POST", "files/upload");
    out.headers.emplace_back("Content-Type", form.content_type());
    out.body = form.body();
    out.kind = RequestKind::Upload;
    return out;
}

HttpRequest create_job(const Endpoint& endpoint, const CreateJob& job) {
    json body = {{"model", job.model}, {"training_file", job.training_file}, {"training_type", {{"type", "Lora"}}}};
    if (!job.validation_file.empty()) {
        body["validation_file"] = job.validation_file;
        body["n_evals"] = 10;
    }
    const Hyperparameters& hyper = job.hyperparameters;
    if (hyper.n_epochs) body["n_epochs"] = static_cast<long long>(*hyper.n_epochs);
    if (hyper.batch_size) body["batch_size"] = static_cast<long long>(*hyper.batch_size);
    // Together takes an absolute learning rate; its default is 1e-5, scaled here by the multiplier.
    if (hyper.learning_rate_multiplier) body["learning_rate"] = 1e-5 * *hyper.learning_rate_multiplier;
    const std::string suffix = job.client_id.empty() ? job.suffix : job.client_id;
    if (!suffix.empty()) body["suffix"] = suffix;
    return openai::authorized(endpoint, "POST", "fine-tunes", text::dump_json(body));
}

HttpRequest get_job(const Endpoint& endpoint, const std::string& job_id) {
    return openai::authorized(endpoint, "GET", "fine-tunes/" + job_id);
}
HttpRequest list_jobs(const Endpoint& endpoint) { return openai::authorized(endpoint, "GET", "fine-tunes"); }
HttpRequest cancel_job(const Endpoint& endpoint, const std::string& job_id) {
    return openai::authorized(endpoint, "POST", "fine-tunes/" + job_id + "/cancel");
}
HttpRequest list_events(const Endpoint& endpoint, const std::string& job_id) {
    HttpRequest out = openai::authorized(endpoint, "GET", "fine-tunes/" + job_id + "/events");
    out.kind = RequestKind::Events;
    return out;
}
HttpRequest list_checkpoints(const Endpoint& endpoint, const std::string& job_id) {
    return openai::authorized(endpoint, "GET", "fine-tunes/" + job_id + "/checkpoints");
}
HttpRequest metrics(const Endpoint& endpoint, const std::string& job_id) {
    HttpRequest out = openai::authorized(endpoint, "GET", "fine-tunes/" + job_id + "/metrics");
    out.kind = RequestKind::Events;
    return out;
}

Result<Job> parse_job(const HttpResponse& response) { return parse_json_object<Job>(response, job_from); }

Result<std::vector<Job>> parse_jobs(const HttpResponse& response) {
    return parse_json_object<std::vector<Job>>(response, [](const json& body) {
        std::vector<Job> jobs;
        for (const json& item : array_at(body, "data")) jobs.push_back(job_from(item));
        return jobs;
    });
}

Result<std::vector<JobEvent>> parse_events(const HttpResponse& response) {
    return parse_json_object<std::vector<JobEvent>>(response, [](const json& body) {
        std::vector<JobEvent> events;
        for (const json& item : array_at(body, "data")) {
            JobEvent event;
            event.created_at = time_at(item, "created_at");
            text::read_field(item, "message", event.message);
            text::read_field(item, "level", event.level);
            if (event.level.empty()) event.level = "info";
            std::string type, hash;
            text::read_field(item, "type", type);
            text::read_field(item, "hash", hash);
            // Together's events have no id: their time, type and message stand for one.
            event.id = hash.empty() ? std::to_string(event.created_at) + "|" + type + "|" + event.message : hash;
            events.push_back(std::move(event));
        }
        return events;
    });
}

Result<std::vector<Checkpoint>> parse_checkpoints(const HttpResponse& response) {
    return parse_json_object<std::vector<Checkpoint>>(response, [](const json& body) {
        std::vector<Checkpoint> checkpoints;
        for (const json& item : array_at(body, "data")) {
            Checkpoint checkpoint;
            text::read_field(item, "step", checkpoint.step);
            text::read_field(item, "path", checkpoint.model);
            text::read_field(item, "checkpoint_name", checkpoint.id);
            checkpoint.metrics.step = checkpoint.step;
            checkpoints.push_back(std::move(checkpoint));
        }
        return checkpoints;
    });
}

Result<std::vector<StepMetrics>> parse_metrics(const HttpResponse& response) {
    return parse_json_object<std::vector<StepMetrics>>(response, [](const json& body) {
        std::vector<StepMetrics> steps;
        for (const json& item : array_at(body, "metrics")) {
            StepMetrics metrics;
            metrics.step = static_cast<std::int64_t>(text::optional_number(item, "train/global_step").value_or(0));
            metrics.train_loss = text::optional_number(item, "train/loss");
            metrics.valid_loss = text::optional_number(item, "eval/loss");
            steps.push_back(metrics);
        }
        return steps;
    });
}

}  // namespace together
}  // namespace tb::api
