#include "core/workflow/finetune_state.h"

#include <cmath>
#include <utility>

#include "core/text/json_fields.h"
#include "core/workflow/curve_readings.h"

namespace tb::workflow {

using nlohmann::json;

namespace {

const char* launch_phase_key(Launch::Phase phase) {
    switch (phase) {
        case Launch::Phase::Idle: return "idle";
        case Launch::Phase::Uploading: return "uploading";
        case Launch::Phase::Creating: return "creating";
        case Launch::Phase::Failed: return "failed";
    }
    return "idle";
}

const char* tokens_key(TrainingFiles::Tokens tokens) {
    switch (tokens) {
        case TrainingFiles::Tokens::Waiting: return "waiting";
        case TrainingFiles::Tokens::Counted: return "counted";
        case TrainingFiles::Tokens::Failed: return "failed";
    }
    return "waiting";
}

const char* recent_phase_key(RecentJobs::Phase phase) {
    switch (phase) {
        case RecentJobs::Phase::Idle: return "idle";
        case RecentJobs::Phase::Loading: return "loading";
        case RecentJobs::Phase::Ok: return "ok";
        case RecentJobs::Phase::Failed: return "failed";
    }
    return "idle";
}

json check_json(const prompt::CheckReport& report) {
    json findings = json::array();
    for (const prompt::Finding& finding : prompt::findings(report)) {
        findings.push_back({{"blocking", finding.blocking}, {"text", finding.text}});
    }
    return {{"bytes", report.bytes},
            {"examples", report.examples},
            {"ok", report.ok()},
            {"findings", std::move(findings)},
            {"tokensPerExample", {{"min", report.tokens_per_example.min},
                                  {"median", report.tokens_per_example.median},
                                  {"p90", report.tokens_per_example.p90},
                                  {"max", report.tokens_per_example.max}}},
            {"overLimitLines", report.over_limit_lines}};
}

}  // namespace

const finetune::TrackedJob* FineTuneState::find_job(const std::string& key) const {
    for (const finetune::TrackedJob& job : jobs) {
        if (job_key(job) == key) return &job;
    }
    return nullptr;
}

finetune::TrackedJob* FineTuneState::find_job(const std::string& key) {
    return const_cast<finetune::TrackedJob*>(std::as_const(*this).find_job(key));
}

int openai_fine_tuning_days_left(double epoch_now) {
    constexpr double kEndOfLastDay = 1799280000;  // 2027-01-07T00:00:00Z (OpenAI's deprecations page)
    return epoch_now >= kEndOfLastDay ? 0 : static_cast<int>(std::ceil((kEndOfLastDay - epoch_now) / 86400));
}

std::string job_key(const finetune::TrackedJob& job) { return job.confirmed() ? job.job.id : job.client_id; }

json to_json(const FineTuneState& finetune) {
    json jobs = json::array();
    for (const auto& job : finetune.jobs) jobs.push_back(finetune::to_json(job));
    const JobSettings& s = finetune.settings;
    json settings = {{"profile", s.profile}, {"model", s.model}, {"suffix", s.suffix}};
    finetune::put_hyperparameters(settings, s.hyperparameters);
    if (s.seed) settings["seed"] = *s.seed;
    return {{"prompt", {{"system", finetune.prompt.system}, {"user", finetune.prompt.user}}},
            {"settings", std::move(settings)},
            {"uploads", finetune.uploads.to_json()},
            {"jobs", std::move(jobs)},
            {"shownJob", finetune.shown_job},
            {"checkSeconds", finetune.check_seconds},
            {"priceEdits", finetune.price_edits}};
}

std::vector<std::string> unconfirmed_jobs(const FineTuneState& finetune) {
    std::vector<std::string> out;
    for (const finetune::TrackedJob& job : finetune.jobs) {
        if (!job.confirmed()) out.push_back(job.client_id);
    }
    return out;
}

void restore_finetune(FineTuneState& finetune, const json& in) {
    FineTuneState restored;
    if (in.contains("prompt")) {
        text::read_field(in["prompt"], "system", restored.prompt.system);
        text::read_field(in["prompt"], "user", restored.prompt.user);
    }
    if (in.contains("settings")) {
        const json& s = in["settings"];
        JobSettings& settings = restored.settings;
        text::read_field(s, "profile", settings.profile);
        text::read_field(s, "model", settings.model);
        settings.hyperparameters = finetune::hyperparameters_from_json(s);
        text::read_field(s, "suffix", settings.suffix);
        if (s.contains("seed") && s["seed"].is_number_integer()) settings.seed = s["seed"].get<std::int64_t>();
    }
    if (in.contains("uploads")) restored.uploads = api::UploadCache::from_json(in["uploads"]);
    if (in.contains("jobs") && in["jobs"].is_array()) {
        for (const json& job : in["jobs"]) restored.jobs.push_back(finetune::tracked_job_from_json(job));
    }
    text::read_field(in, "shownJob", restored.shown_job);
    text::read_field(in, "priceEdits", restored.price_edits);
    if (const auto seconds = text::optional_number(in, "checkSeconds"); seconds && *seconds >= 1 && *seconds <= FineTuneState::kMaxCheckSeconds) {
        restored.check_seconds = *seconds;
    }
    finetune = std::move(restored);
}

json jobs_json(const FineTuneState& finetune) {
    json out = json::array();
    for (const auto& tracked : finetune.jobs) {
        json checkpoints = json::array();
        for (const auto& checkpoint : tracked.checkpoints) {
            checkpoints.push_back({{"id", checkpoint.id}, {"model", checkpoint.model}, {"step", checkpoint.step}});
        }
        out.push_back({{"id", tracked.job.id},
                       {"key", job_key(tracked)},
                       {"provider", tracked.profile},
                       {"model", tracked.confirmed() ? tracked.job.model : tracked.request.model},
                       {"status", tracked.confirmed() ? std::string(api::job_status_key(tracked.job.status)) : "creating"},
                       {"fineTunedModel", tracked.job.fine_tuned_model},
                       {"error", tracked.job.error ? tracked.job.error->message : std::string()},
                       {"events", tracked.events.size()},
                       {"checkpoints", std::move(checkpoints)},
                       {"resultRead", tracked.result_read},
                       {"watchError", tracked.watch_error},
                       {"checking", finetune.checks_asked.count(job_key(tracked)) > 0},
                       {"cancelling", finetune.cancels_sent.count(job_key(tracked)) > 0},
                       {"nextCheckAt", nullptr},
                       {"series", finetune::series_json(tracked.metrics)},
                       {"verdict", reading_json(job_reading(tracked))}});
        if (const auto next = finetune.next_checks.find(job_key(tracked)); next != finetune.next_checks.end()) {
            out.back()["nextCheckAt"] = next->second;
        }
    }
    return out;
}

json finetune_json(const FineTuneState& finetune) {
    const TrainingFiles& files = finetune.files;
    json out = {{"settings", to_json(finetune)["settings"]},
                {"checkSeconds", finetune.check_seconds},
                {"launch", {{"phase", launch_phase_key(finetune.launch.phase)},
                            {"doing", finetune.launch.doing},
                            {"error", finetune.launch.error}}},
                {"templateError", files.template_error},
                {"preview", files.preview},
                {"tokens", tokens_key(files.tokens)},
                {"encoding", files.encoding},
                {"tokensError", files.tokens_error},
                {"pricesError", files.prices_error},
                {"pricesAsOf", files.prices_as_of},
                {"attaching", finetune.attaching},
                {"shownJob", finetune.shown_job}};
    if (files.tokens == TrainingFiles::Tokens::Counted) {
        out["training"] = check_json(files.training_check);
        out["validation"] = check_json(files.validation_check);
        out["cost"] = {{"epochs", files.cost.epochs},
                       {"billedTokens", files.cost.billed_tokens},
                       {"statement", files.cost.statement}};
        if (files.cost.dollars) out["cost"]["dollars"] = *files.cost.dollars;
    }
    json recent = json::array();
    for (const api::Job& job : finetune.recent.jobs) {
        recent.push_back({{"id", job.id}, {"model", job.model}, {"status", std::string(api::job_status_key(job.status))}});
    }
    out["recent"] = {{"phase", recent_phase_key(finetune.recent.phase)}, {"jobs", std::move(recent)}, {"error", finetune.recent.error}};
    return out;
}

json candidates_json(const FineTuneState& finetune) {
    json out = json::array();
    for (const auto& tracked : finetune.jobs) {
        if (tracked.job.status != api::JobStatus::Succeeded || tracked.job.fine_tuned_model.empty()) continue;
        out.push_back({{"provider", tracked.profile}, {"model", tracked.job.fine_tuned_model}, {"source", "job " + tracked.job.id}});
        for (const auto& checkpoint : tracked.checkpoints) {
            if (checkpoint.model.empty() || checkpoint.model == tracked.job.fine_tuned_model) continue;
            out.push_back({{"provider", tracked.profile},
                           {"model", checkpoint.model},
                           {"source", "job " + tracked.job.id + ", checkpoint at step " + std::to_string(checkpoint.step)}});
        }
    }
    return out;
}

}  // namespace tb::workflow
