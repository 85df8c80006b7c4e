#include "core/finetune/tracked_job.h"

#include <algorithm>
#include <unordered_set>

#include "core/text/json_fields.h"

namespace tb::finetune {

using nlohmann::json;

bool TrackedJob::needs_watching() const {
    if (!confirmed()) return true;
    if (!api::is_final(job.status)) return true;
    return job.status == api::JobStatus::Succeeded && !result_read && !job.result_files.empty();
}

namespace {

void fill_absent(std::optional<double>& into, const std::optional<double>& from) {
    if (!into && from) into = from;
}

void put(json& out, const char* key, const std::optional<double>& value) {
    if (value) out[key] = *value;
}

json to_json(const api::StepMetrics& m) {
    json out = {{"step", m.step}};
    if (m.total_steps > 0) out["totalSteps"] = m.total_steps;
    for (int i = 0; i < kSeriesCount; ++i) put(out, kSeriesNames[i], series_value(m, i));
    return out;
}

std::optional<double>* series_slot(api::StepMetrics& m, int series) {
    switch (series) {
        case 0: return &m.train_loss;
        case 1: return &m.valid_loss;
        case 2: return &m.full_valid_loss;
        case 3: return &m.train_accuracy;
        case 4: return &m.valid_accuracy;
        case 5: return &m.full_valid_accuracy;
        default: return nullptr;
    }
}

api::StepMetrics metrics_from_json(const json& in) {
    api::StepMetrics m;
    text::read_field(in, "step", m.step);
    text::read_field(in, "totalSteps", m.total_steps);
    for (int i = 0; i < kSeriesCount; ++i) *series_slot(m, i) = text::optional_number(in, kSeriesNames[i]);
    return m;
}

json to_json(const api::JobEvent& event) {
    json out = {{"id", event.id}, {"createdAt", event.created_at}, {"level", event.level}, {"message", event.message}};
    if (event.metrics) out["metrics"] = to_json(*event.metrics);
    return out;
}

api::JobEvent event_from_json(const json& in) {
    api::JobEvent event;
    text::read_field(in, "id", event.id);
    text::read_field(in, "createdAt", event.created_at);
    text::read_field(in, "level", event.level);
    text::read_field(in, "message", event.message);
    if (in.contains("metrics")) event.metrics = metrics_from_json(in["metrics"]);
    return event;
}

json to_json(const api::Checkpoint& checkpoint) {
    return {{"id", checkpoint.id}, {"model", checkpoint.model}, {"step", checkpoint.step},
            {"metrics", to_json(checkpoint.metrics)}};
}

api::Checkpoint checkpoint_from_json(const json& in) {
    api::Checkpoint checkpoint;
    text::read_field(in, "id", checkpoint.id);
    text::read_field(in, "model", checkpoint.model);
    text::read_field(in, "step", checkpoint.step);
    if (in.contains("metrics")) checkpoint.metrics = metrics_from_json(in["metrics"]);
    return checkpoint;
}

json to_json(const api::CreateJob& request) {
    json out = {{"model", request.model},
                {"trainingFile", request.training_file},
                {"validationFile", request.validation_file},
                {"suffix", request.suffix},
                {"clientId", request.client_id}};
    put_hyperparameters(out, request.hyperparameters);
    if (request.seed) out["seed"] = *request.seed;
    return out;
}

api::CreateJob create_job_from_json(const json& in) {
    api::CreateJob request;
    text::read_field(in, "model", request.model);
    text::read_field(in, "trainingFile", request.training_file);
    text::read_field(in, "validationFile", request.validation_file);
    text::read_field(in, "suffix", request.suffix);
    request.hyperparameters = hyperparameters_from_json(in);
    text::read_field(in, "clientId", request.client_id);
    if (in.contains("seed") && in["seed"].is_number_integer()) request.seed = in["seed"].get<std::int64_t>();
    return request;
}

template <typename T, typename Read>
std::vector<T> array_of(const json& in, const char* key, Read read) {
    std::vector<T> out;
    if (!in.contains(key) || !in[key].is_array()) return out;
    for (const json& item : in[key]) out.push_back(read(item));
    return out;
}

}  // namespace

void put_hyperparameters(json& out, const api::Hyperparameters& hyperparameters) {
    const auto value = [](const std::optional<double>& v) { return v ? json(*v) : json("auto"); };
    out["nEpochs"] = value(hyperparameters.n_epochs);
    out["batchSize"] = value(hyperparameters.batch_size);
    out["learningRateMultiplier"] = value(hyperparameters.learning_rate_multiplier);
}

api::Hyperparameters hyperparameters_from_json(const json& in) {
    // Out of range is "auto", as the form would never have let it through.
    const auto number = [&](const char* key) -> std::optional<double> {
        const auto value = text::optional_number(in, key);
        return value && *value > 0 && *value <= api::kMaxHyperparameter ? value : std::nullopt;
    };
    api::Hyperparameters hyperparameters;
    hyperparameters.n_epochs = number("nEpochs");
    hyperparameters.batch_size = number("batchSize");
    hyperparameters.learning_rate_multiplier = number("learningRateMultiplier");
    return hyperparameters;
}

std::optional<double> series_value(const api::StepMetrics& metrics, int series) {
    switch (series) {
        case 0: return metrics.train_loss;
        case 1: return metrics.valid_loss;
        case 2: return metrics.full_valid_loss;
        case 3: return metrics.train_accuracy;
        case 4: return metrics.valid_accuracy;
        case 5: return metrics.full_valid_accuracy;
        default: return std::nullopt;
    }
}

void merge_metrics(std::vector<api::StepMetrics>& series, const std::vector<api::StepMetrics>& more) {
    for (const api::StepMetrics& m : more) {
        const auto at = std::lower_bound(series.begin(), series.end(), m.step,
                                         [](const api::StepMetrics& a, std::int64_t step) { return a.step < step; });
        if (at == series.end() || at->step != m.step) {
            series.insert(at, m);
            continue;
        }
        for (int i = 0; i < kSeriesCount; ++i) fill_absent(*series_slot(*at, i), series_value(m, i));
        at->total_steps = std::max(at->total_steps, m.total_steps);
    }
}

void merge_event_metrics(std::vector<api::StepMetrics>& series, const std::vector<api::JobEvent>& events) {
    std::vector<api::StepMetrics> more;
    for (const api::JobEvent& event : events) {
        if (event.metrics && event.metrics->step > 0) more.push_back(*event.metrics);
    }
    merge_metrics(series, more);
}

std::optional<std::string> next_events_cursor(const std::vector<api::JobEvent>& known_before,
                                              const std::vector<api::JobEvent>& page, bool has_more) {
    if (!has_more || page.empty()) return std::nullopt;
    std::unordered_set<std::string> known;
    for (const api::JobEvent& event : known_before) known.insert(event.id);
    for (const api::JobEvent& event : page) {
        if (known.count(event.id) > 0) return std::nullopt;  // caught up with what was read before
    }
    return page.back().id;
}

double poll_delay(api::JobStatus status, int unchanged_checks, double base_seconds) {
    const bool slow = status == api::JobStatus::ValidatingFiles || status == api::JobStatus::Queued;
    double delay = base_seconds * (slow ? 2 : 1);
    for (int i = 0; i < unchanged_checks && delay < 60; ++i) delay *= 2;
    return std::min(delay, std::max(60.0, base_seconds));
}

json series_json(const std::vector<api::StepMetrics>& metrics) {
    json out = json::object();
    for (int i = 0; i < kSeriesCount; ++i) {
        json points = json::array();
        for (const api::StepMetrics& m : metrics) {
            if (const auto value = series_value(m, i)) points.push_back({m.step, *value});
        }
        if (!points.empty()) out[kSeriesNames[i]] = std::move(points);
    }
    return out;
}

json to_json(const api::Job& job) {
    json out = {{"id", job.id},
                {"model", job.model},
                {"status", std::string(api::job_status_key(job.status))},
                {"statusText", job.status_text},
                {"fineTunedModel", job.fine_tuned_model},
                {"trainingFile", job.training_file},
                {"validationFile", job.validation_file},
                {"resultFiles", job.result_files},
                {"createdAt", job.created_at},
                {"finishedAt", job.finished_at},
                {"estimatedFinish", job.estimated_finish},
                {"trainedTokens", job.trained_tokens},
                {"clientId", job.client_id}};
    if (job.error) out["error"] = {{"code", job.error->code}, {"message", job.error->message}, {"param", job.error->param}};
    return out;
}

api::Job job_from_json(const json& in) {
    api::Job job;
    text::read_field(in, "id", job.id);
    text::read_field(in, "model", job.model);
    std::string status;
    text::read_field(in, "status", status);
    job.status = api::JobStatus::Unknown;
    for (int i = 0; i <= static_cast<int>(api::JobStatus::Unknown); ++i) {
        if (api::job_status_key(static_cast<api::JobStatus>(i)) == status) job.status = static_cast<api::JobStatus>(i);
    }
    text::read_field(in, "statusText", job.status_text);
    text::read_field(in, "fineTunedModel", job.fine_tuned_model);
    text::read_field(in, "trainingFile", job.training_file);
    text::read_field(in, "validationFile", job.validation_file);
    text::read_field(in, "resultFiles", job.result_files);
    text::read_field(in, "createdAt", job.created_at);
    text::read_field(in, "finishedAt", job.finished_at);
    text::read_field(in, "estimatedFinish", job.estimated_finish);
    text::read_field(in, "trainedTokens", job.trained_tokens);
    text::read_field(in, "clientId", job.client_id);
    if (in.contains("error") && in["error"].is_object()) {
        api::JobError error;
        text::read_field(in["error"], "code", error.code);
        text::read_field(in["error"], "message", error.message);
        text::read_field(in["error"], "param", error.param);
        job.error = error;
    }
    return job;
}

json to_json(const TrackedJob& tracked) {
    json events = json::array(), checkpoints = json::array(), metrics = json::array();
    for (const auto& event : tracked.events) events.push_back(to_json(event));
    for (const auto& checkpoint : tracked.checkpoints) checkpoints.push_back(to_json(checkpoint));
    for (const auto& m : tracked.metrics) metrics.push_back(to_json(m));
    return {{"profile", tracked.profile},     {"clientId", tracked.client_id},
            {"request", to_json(tracked.request)}, {"job", to_json(tracked.job)},
            {"events", std::move(events)},     {"checkpoints", std::move(checkpoints)},
            {"metrics", std::move(metrics)},   {"resultRead", tracked.result_read}};
}

TrackedJob tracked_job_from_json(const json& in) {
    TrackedJob tracked;
    text::read_field(in, "profile", tracked.profile);
    text::read_field(in, "clientId", tracked.client_id);
    if (in.contains("request")) tracked.request = create_job_from_json(in["request"]);
    if (in.contains("job")) tracked.job = job_from_json(in["job"]);
    tracked.events = array_of<api::JobEvent>(in, "events", event_from_json);
    tracked.checkpoints = array_of<api::Checkpoint>(in, "checkpoints", checkpoint_from_json);
    tracked.metrics = array_of<api::StepMetrics>(in, "metrics", metrics_from_json);
    text::read_field(in, "resultRead", tracked.result_read);
    return tracked;
}

}  // namespace tb::finetune
