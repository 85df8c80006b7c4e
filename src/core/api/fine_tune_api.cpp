#include "core/api/fine_tune_api.h"

#include "core/api/openai_dialect.h"
#include "core/api/together_dialect.h"

namespace tb::api {

namespace {

constexpr int kEventsPage = 100;

FineTuneApi openai_api() {
    FineTuneApi api;
    api.jobs = openai_job_dialect();
    api.upload = openai::upload_file;
    api.parse_upload = openai::parse_file;
    api.get = openai::get_job;
    api.cancel = openai::cancel_job;
    api.checkpoints = openai::list_checkpoints;
    api.events = [](const Endpoint& endpoint, const std::string& job_id, const std::string& after) {
        return openai::list_events(endpoint, job_id, after, kEventsPage);
    };
    api.parse_events = openai::parse_events;
    api.parse_checkpoints = openai::parse_checkpoints;
    api.file_content = openai::file_content;
    return api;
}

FineTuneApi together_api() {
    FineTuneApi api;
    api.jobs = together_job_dialect();
    api.upload = together::upload_file;
    api.parse_upload = openai::parse_file;  // Together's file objects are OpenAI's shape
    api.get = together::get_job;
    api.cancel = together::cancel_job;
    api.checkpoints = together::list_checkpoints;
    // Together sends every event in one answer: there is no older page to ask for.
    api.events = [](const Endpoint& endpoint, const std::string& job_id, const std::string&) {
        return together::list_events(endpoint, job_id);
    };
    api.parse_events = [](const HttpResponse& response) -> Result<openai::EventPage> {
        auto events = together::parse_events(response);
        if (auto* error = std::get_if<ApiError>(&events)) return *error;
        return openai::EventPage{std::move(std::get<std::vector<JobEvent>>(events)), false};
    };
    api.parse_checkpoints = together::parse_checkpoints;
    api.metrics = together::metrics;
    api.parse_metrics = together::parse_metrics;
    return api;
}

}  // namespace

FineTuneApi fine_tune_api(Dialect dialect) { return dialect == Dialect::Together ? together_api() : openai_api(); }

}  // namespace tb::api
