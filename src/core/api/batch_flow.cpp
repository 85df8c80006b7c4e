#include "core/api/batch_flow.h"

#include <algorithm>
#include <set>
#include <utility>

#include "core/text/format.h"
#include "core/text/json_fields.h"

namespace tb::api {

using nlohmann::json;

namespace {

// A saved id or status longer than this is damage, not something a provider sent.
constexpr std::size_t kMaxIdBytes = 512;
constexpr std::size_t kMaxCustomIds = 50000;

bool may_have_been_created(const HttpResponse& response) {
    return response.status == 0 || response.status >= 500 || response.status == 408;
}

// An answer that says asking again cannot help (the batch is unknown, the key refused).
bool definite_refusal(const HttpResponse& response) {
    return response.status >= 400 && response.status < 500 && response.status != 408 && response.status != 409 &&
           response.status != 429;
}

ApiError flow_error(std::string message, std::string guidance = {}) {
    ApiError error;
    error.message = std::move(message);
    error.guidance = std::move(guidance);
    return error;
}

// The answer's batch when it names one; else nothing, and why in `error`.
const Batch* batch_in(const Result<Batch>& result, ApiError& error) {
    if (const Batch* batch = value_of(result); batch && !batch->id.empty()) return batch;
    error = std::holds_alternative<ApiError>(result) ? std::get<ApiError>(result)
                                                     : flow_error("The provider's answer names no batch.");
    return nullptr;
}

}  // namespace

json to_json(const BatchRecord& record) {
    return {{"clientId", record.client_id},
            {"inputFileId", record.input_file_id},
            {"batchId", record.batch_id},
            {"status", record.status},
            {"counts", {{"total", record.counts.total}, {"completed", record.counts.completed}, {"failed", record.counts.failed}}},
            {"outputFileId", record.output_file_id},
            {"errorFileId", record.error_file_id},
            {"createdAt", record.created_at},
            {"expiresAt", record.expires_at},
            {"customIds", record.custom_ids}};
}

std::optional<BatchRecord> batch_record_from_json(const json& in, std::string& problem) {
    if (!in.is_object()) {
        problem = "the batch record is not a JSON object";
        return std::nullopt;
    }
    BatchRecord record;
    const auto text_field = [&](const char* key, std::string& out, bool required) {
        if (!in.contains(key)) {
            if (required) problem = std::string("the batch record has no ") + key;
            return !required;
        }
        if (!in[key].is_string() || in[key].get_ref<const std::string&>().size() > kMaxIdBytes) {
            problem = std::string("the batch record's ") + key + " is not a short text";
            return false;
        }
        out = in[key].get<std::string>();
        return true;
    };
    const auto count_field = [&](const json& object, const char* key, std::int64_t& out) {
        if (!object.contains(key)) return true;
        if (!object[key].is_number_integer() || object[key].get<std::int64_t>() < 0) {
            problem = std::string("the batch record's ") + key + " is not a count or time";
            return false;
        }
        out = object[key].get<std::int64_t>();
        return true;
    };
    if (!text_field("clientId", record.client_id, true) || !text_field("inputFileId", record.input_file_id, false) ||
        !text_field("batchId", record.batch_id, false) || !text_field("status", record.status, false) ||
        !text_field("outputFileId", record.output_file_id, false) ||
        !text_field("errorFileId", record.error_file_id, false) || !count_field(in, "createdAt", record.created_at) ||
        !count_field(in, "expiresAt", record.expires_at)) {
        return std::nullopt;
    }
    if (record.client_id.empty()) {
        problem = "the batch record's clientId is empty";
        return std::nullopt;
    }
    if (in.contains("counts")) {
        const json& counts = in["counts"];
        if (!counts.is_object()) {
            problem = "the batch record's counts are not an object";
            return std::nullopt;
        }
        if (!count_field(counts, "total", record.counts.total) || !count_field(counts, "completed", record.counts.completed) ||
            !count_field(counts, "failed", record.counts.failed)) {
            return std::nullopt;
        }
    }
    if (in.contains("customIds")) {
        const json& ids = in["customIds"];
        if (!ids.is_array() || ids.size() > kMaxCustomIds) {
            problem = "the batch record's customIds are not a list of at most 50,000";
            return std::nullopt;
        }
        std::set<std::string> seen;
        for (const json& id : ids) {
            if (!id.is_string() || id.get_ref<const std::string&>().empty() ||
                id.get_ref<const std::string&>().size() > kMaxIdBytes || !seen.insert(id.get<std::string>()).second) {
                problem = "the batch record's customIds hold an empty, overlong or repeated id";
                return std::nullopt;
            }
            record.custom_ids.push_back(id.get<std::string>());
        }
    }
    return record;
}

BatchFlow::BatchFlow(BatchApi api, Endpoint endpoint, BatchInputFile input, std::string client_id,
                     BatchFlowSettings settings, unsigned long long boundary_seed)
    : api_(std::move(api)), endpoint_(std::move(endpoint)), input_(std::move(input)), settings_(settings),
      boundary_seed_(boundary_seed) {
    record_.client_id = std::move(client_id);
    record_.custom_ids = input_.custom_ids;
    next_poll_ = settings_.poll_seconds;
}

BatchFlow::BatchFlow(BatchApi api, Endpoint endpoint, BatchRecord record, BatchInputFile input,
                     BatchFlowSettings settings, unsigned long long boundary_seed)
    : api_(std::move(api)), endpoint_(std::move(endpoint)), input_(std::move(input)), record_(std::move(record)),
      settings_(settings), boundary_seed_(boundary_seed), resumed_(true) {
    if (record_.input_file_id.empty() && !input_.custom_ids.empty()) record_.custom_ids = input_.custom_ids;
    next_poll_ = settings_.poll_seconds;
}

FlowStep BatchFlow::send(Stage stage) {
    stage_ = stage;
    switch (stage) {
        case Stage::Upload:
            return FlowStep::send(api_.upload(endpoint_, record_.client_id + ".jsonl", input_.jsonl, boundary_seed_),
                                  settings_.retry, "Uploading the batch's questions (" + text::format_bytes(input_.jsonl.size()) + ")…");
        case Stage::Create:
            // Never retried by the runner: an unanswered create is looked for before it is sent again.
            return FlowStep::send(api_.create(endpoint_, record_.input_file_id, record_.client_id), {0, 0},
                                  "Creating the batch…");
        case Stage::List: return send_list(list_after_);
        case Stage::Look:
            return FlowStep::send(api_.get(endpoint_, record_.batch_id), settings_.retry,
                                  "Checking the batch (" + (record_.status.empty() ? std::string("starting") : record_.status) +
                                      ", " + std::to_string(record_.counts.completed + record_.counts.failed) + " of " +
                                      std::to_string(record_.counts.total) + " done)…");
        case Stage::ReadOutput:
            return FlowStep::send(api_.file_content(endpoint_, record_.output_file_id), settings_.retry,
                                  "Reading the batch's answers…");
        case Stage::ReadErrors:
            return FlowStep::send(api_.file_content(endpoint_, record_.error_file_id), settings_.retry,
                                  "Reading the batch's failed requests…");
        case Stage::Finished: break;
    }
    return finish();
}

FlowStep BatchFlow::send_list(std::string after) {
    stage_ = Stage::List;
    list_after_ = std::move(after);
    return FlowStep::send(api_.list(endpoint_, list_after_), settings_.retry,
                          "Looking for the batch the provider may have created…");
}

FlowStep BatchFlow::start() {
    if (!record_.batch_id.empty()) return send(Stage::Look);
    if (record_.input_file_id.empty()) {
        if (input_.jsonl.empty()) return FlowStep::failed(flow_error("The batch has no questions to upload."));
        return send(Stage::Upload);
    }
    if (resumed_) {
        // The page may have gone away after the create left and before its answer was saved.
        unsure_create_ = true;
        list_pages_ = 0;
        return send_list({});
    }
    return send(Stage::Create);
}

FlowStep BatchFlow::resume() {
    if (stage_ == Stage::List) {
        list_pages_ = 0;
        return send_list({});
    }
    return send(stage_);
}

FlowStep BatchFlow::on_response(const HttpResponse& response, double now, double jitter) {
    switch (stage_) {
        case Stage::Upload: {
            const auto file = api_.parse_upload(response);
            if (const UploadedFile* uploaded = value_of(file); uploaded && !uploaded->id.empty()) {
                record_.input_file_id = uploaded->id;
                // Never uploaded again (a resumed flow lists, then creates from the file id): the bytes go.
                std::string().swap(input_.jsonl);
                return send(Stage::Create);
            }
            if (const auto* error = std::get_if<ApiError>(&file)) return FlowStep::failed(*error);
            return FlowStep::failed(flow_error("The provider's answer to the upload names no file."));
        }
        case Stage::Create: return on_created(response, now, jitter);
        case Stage::List: return on_listed(response, now, jitter);
        case Stage::Look: return on_looked(response);
        case Stage::ReadOutput:
        case Stage::ReadErrors: return on_file(response);
        case Stage::Finished: break;
    }
    return finish();
}

FlowStep BatchFlow::retry_or_fail(const HttpResponse& response, double now, double jitter, ApiError error) {
    const auto wait = settings_.retry.wait_before_retry(response, retries_, now, jitter);
    if (!wait) {
        if (unsure_create_) {
            error.guidance = "The provider may have created the batch without saying so: it is looked for by its "
                             "client id " + record_.client_id + " before anything is created again.";
        }
        return FlowStep::failed(std::move(error));
    }
    ++retries_;
    // After an unsure create the next request is the list, never the create.
    if (unsure_create_) stage_ = Stage::List;
    return FlowStep::wait(*wait);
}

FlowStep BatchFlow::on_created(const HttpResponse& response, double now, double jitter) {
    ApiError error;
    const auto created = api_.parse_created(response);
    if (const Batch* batch = batch_in(created, error)) {
        retries_ = 0;
        return take_batch(*batch);
    }
    if (may_have_been_created(response)) unsure_create_ = true;
    return retry_or_fail(response, now, jitter, std::move(error));
}

FlowStep BatchFlow::on_listed(const HttpResponse& response, double now, double jitter) {
    const auto listed = api_.parse_list(response);
    const BatchPage* page = value_of(listed);
    if (!page) return retry_or_fail(response, now, jitter, std::get<ApiError>(listed));
    if (const Batch* found = find_batch(page->batches, record_.client_id, record_.input_file_id)) {
        unsure_create_ = false;
        adopted_ = true;
        retries_ = 0;
        return take_batch(*found);
    }
    if (page->has_more && !page->batches.empty() && ++list_pages_ < settings_.max_list_pages) {
        return send_list(page->batches.back().id);
    }
    // Not there: the create did not go through, and may be sent again.
    unsure_create_ = false;
    return send(Stage::Create);
}

FlowStep BatchFlow::on_looked(const HttpResponse& response) {
    ApiError error;
    const auto looked = api_.parse_batch(response);
    if (const Batch* batch = batch_in(looked, error)) {
        failed_looks_ = 0;
        return take_batch(*batch);
    }
    if (definite_refusal(response) || ++failed_looks_ >= settings_.max_failed_looks) {
        error.guidance = "The batch " + record_.batch_id + " is kept: Tuneboard looks at it again when the work resumes.";
        return FlowStep::failed(std::move(error));
    }
    stage_ = Stage::Look;
    return FlowStep::wait(std::max(next_poll_, settings_.poll_seconds));
}

FlowStep BatchFlow::take_batch(const Batch& batch) {
    record_.batch_id = batch.id;
    record_.status = batch.status_text;
    record_.counts = batch.counts;
    if (!batch.input_file_id.empty()) record_.input_file_id = batch.input_file_id;
    record_.output_file_id = batch.output_file_id;
    record_.error_file_id = batch.error_file_id;
    if (batch.created_at > 0) record_.created_at = batch.created_at;
    if (batch.expires_at > 0) record_.expires_at = batch.expires_at;
    batch_error_ = batch.error;
    if (is_final(batch.status)) return read_next_file();
    stage_ = Stage::Look;
    const double wait = next_poll_;
    next_poll_ = std::min(std::max(next_poll_ * 1.5, settings_.poll_seconds), settings_.max_poll_seconds);
    return FlowStep::wait(wait);
}

FlowStep BatchFlow::read_next_file() {
    if (stage_ != Stage::ReadOutput && stage_ != Stage::ReadErrors && !record_.output_file_id.empty()) {
        return send(Stage::ReadOutput);
    }
    if (stage_ != Stage::ReadErrors && !record_.error_file_id.empty()) return send(Stage::ReadErrors);
    return finish();
}

FlowStep BatchFlow::on_file(const HttpResponse& response) {
    if (!response.ok()) {
        ApiError error = parse_api_error(response);
        error.guidance = "The batch " + record_.batch_id + " is kept: its files are read again when the work resumes.";
        return FlowStep::failed(std::move(error));
    }
    const BatchOutput output = read_batch_output(response.body);
    const std::string which = stage_ == Stage::ReadOutput ? "output file " : "error file ";
    std::set<std::string> known;
    for (const BatchAnswer& answer : answers_) known.insert(answer.custom_id);
    for (const BatchAnswer& answer : output.answers) {
        if (known.insert(answer.custom_id).second) answers_.push_back(answer);
    }
    for (const std::string& problem : output.problems) problems_.push_back(which + problem);
    if (output.unreadable > output.problems.size()) {
        problems_.push_back(which + std::to_string(output.unreadable - output.problems.size()) + " more unreadable lines");
    }
    return read_next_file();
}

FlowStep BatchFlow::finish() {
    stage_ = Stage::Finished;
    if (batch_status_from(record_.status) == BatchStatus::Failed) {
        return FlowStep::failed(flow_error("The provider failed the batch" + (batch_error_.empty() ? std::string(".") : ": " + batch_error_),
                                           "Nothing of it was answered: fix what the provider names and start again."));
    }
    return FlowStep::done();
}

std::vector<std::string> BatchFlow::not_done() const {
    std::set<std::string> answered;
    for (const BatchAnswer& answer : answers_) {
        if (!answer.failure) answered.insert(answer.custom_id);
    }
    std::vector<std::string> out;
    for (const std::string& id : record_.custom_ids) {
        if (!answered.count(id)) out.push_back(id);
    }
    return out;
}

}  // namespace tb::api
