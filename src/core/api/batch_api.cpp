#include "core/api/batch_api.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/api/json_reading.h"
#include "core/api/together_dialect.h"
#include "core/text/json_fields.h"
#include "core/text/json_text.h"
#include "core/text/utf8.h"

namespace tb::api {

using nlohmann::json;

namespace {

constexpr std::array<std::pair<BatchStatus, std::string_view>, 8> kStatusKeys{{
    {BatchStatus::Validating, "validating"},
    {BatchStatus::InProgress, "in_progress"},
    {BatchStatus::Finalizing, "finalizing"},
    {BatchStatus::Completed, "completed"},
    {BatchStatus::Failed, "failed"},
    {BatchStatus::Expired, "expired"},
    {BatchStatus::Cancelling, "cancelling"},
    {BatchStatus::Cancelled, "cancelled"},
}};

// The provider's errors are kept whole up to this: they are saved with the batch's record.
constexpr std::size_t kErrorBytes = 2000;
constexpr int kListPage = 100;
constexpr const char* kClientIdKey = "tuneboard_client_id";

std::string errors_text(const json& body) {
    std::string out;
    if (body.contains("errors") && body["errors"].is_object() && body["errors"].contains("data") &&
        body["errors"]["data"].is_array()) {
        for (const json& item : body["errors"]["data"]) {
            std::string message, code;
            std::int64_t line = 0;
            text::read_field(item, "message", message);
            text::read_field(item, "code", code);
            text::read_field(item, "line", line);
            if (message.empty() && code.empty()) continue;
            if (!out.empty()) out += "; ";
            if (line > 0) out += "line " + std::to_string(line) + ": ";
            out += message.empty() ? code : message;
        }
    }
    // Together: {"error": "…"}.
    std::string together_error;
    text::read_field(body, "error", together_error);
    if (!together_error.empty()) out = together_error;
    return text::excerpt(out, kErrorBytes);
}

Batch batch_from(const json& body) {
    Batch batch;
    text::read_field(body, "id", batch.id);
    text::read_field(body, "status", batch.status_text);
    batch.status = batch_status_from(batch.status_text);
    text::read_field(body, "endpoint", batch.endpoint);
    text::read_field(body, "model", batch.model);
    text::read_field(body, "model_id", batch.model);  // Together
    text::read_field(body, "input_file_id", batch.input_file_id);
    text::read_field(body, "output_file_id", batch.output_file_id);
    text::read_field(body, "error_file_id", batch.error_file_id);
    batch.created_at = time_at(body, "created_at");
    batch.expires_at = time_at(body, "expires_at");
    if (batch.expires_at == 0) batch.expires_at = time_at(body, "job_deadline");  // Together
    if (body.contains("request_counts") && body["request_counts"].is_object()) {
        const json& counts = body["request_counts"];
        text::read_field(counts, "total", batch.counts.total);
        text::read_field(counts, "completed", batch.counts.completed);
        text::read_field(counts, "failed", batch.counts.failed);
    }
    if (body.contains("metadata") && body["metadata"].is_object()) {
        text::read_field(body["metadata"], kClientIdKey, batch.client_id);
    }
    batch.error = errors_text(body);
    return batch;
}

// A list answer's batches; items that are not objects, or have no id, are left out.
std::vector<Batch> batches_of(const json& items) {
    std::vector<Batch> batches;
    for (const json& item : items) {
        if (!item.is_object()) continue;
        Batch batch = batch_from(item);
        if (!batch.id.empty()) batches.push_back(std::move(batch));
    }
    return batches;
}

}  // namespace

bool is_final(BatchStatus status) {
    return status == BatchStatus::Completed || status == BatchStatus::Failed || status == BatchStatus::Expired ||
           status == BatchStatus::Cancelled;
}

BatchStatus batch_status_from(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const auto& [status, key] : kStatusKeys) {
        if (lower == key) return status;
    }
    return BatchStatus::Unknown;
}

std::string_view batch_status_key(BatchStatus status) {
    for (const auto& [known, key] : kStatusKeys) {
        if (known == status) return key;
    }
    return "unknown";
}

const Batch* find_batch(const std::vector<Batch>& batches, const std::string& client_id,
                        const std::string& input_file_id) {
    const auto found = std::find_if(batches.begin(), batches.end(), [&](const Batch& batch) {
        return (!client_id.empty() && batch.client_id == client_id) ||
               (!input_file_id.empty() && batch.input_file_id == input_file_id);
    });
    return found == batches.end() ? nullptr : &*found;
}

namespace openai {

HttpRequest create_batch(const Endpoint& endpoint, const std::string& input_file_id, const std::string& line_url,
                         const std::string& client_id) {
    json body = {{"input_file_id", input_file_id}, {"endpoint", line_url}, {"completion_window", "24h"}};
    if (!client_id.empty()) body["metadata"] = {{kClientIdKey, client_id}};
    return authorized(endpoint, "POST", "batches", text::dump_json(body));
}

HttpRequest get_batch(const Endpoint& endpoint, const std::string& batch_id) {
    return authorized(endpoint, "GET", "batches/" + batch_id);
}

HttpRequest list_batches(const Endpoint& endpoint, const std::string& after, int limit) {
    std::string path = "batches?limit=" + std::to_string(limit);
    if (!after.empty()) path += "&after=" + after;
    return authorized(endpoint, "GET", path);
}

HttpRequest cancel_batch(const Endpoint& endpoint, const std::string& batch_id) {
    return authorized(endpoint, "POST", "batches/" + batch_id + "/cancel");
}

HttpRequest batch_file_content(const Endpoint& endpoint, const std::string& file_id) {
    HttpRequest out = authorized(endpoint, "GET", "files/" + file_id + "/content");
    out.kind = RequestKind::BatchFile;
    return out;
}

Result<Batch> parse_batch(const HttpResponse& response) { return parse_json_object<Batch>(response, batch_from); }

Result<BatchPage> parse_batches(const HttpResponse& response) {
    return parse_json_object<BatchPage>(response, [](const json& body) {
        BatchPage page;
        page.batches = batches_of(array_at(body, "data"));
        text::read_field(body, "has_more", page.has_more);
        return page;
    });
}

}  // namespace openai

namespace together {

HttpRequest create_batch(const Endpoint& endpoint, const std::string& input_file_id) {
    const json body = {{"input_file_id", input_file_id}, {"endpoint", "/v1/chat/completions"}, {"completion_window", "24h"}};
    return openai::authorized(endpoint, "POST", "batches", text::dump_json(body));
}

HttpRequest list_batches(const Endpoint& endpoint) { return openai::authorized(endpoint, "GET", "batches"); }

Result<Batch> parse_created_batch(const HttpResponse& response) {
    return parse_json_object<Batch>(response, [](const json& body) {
        return batch_from(body.contains("job") && body["job"].is_object() ? body["job"] : body);
    });
}

Result<Batch> parse_batch(const HttpResponse& response) { return parse_json_object<Batch>(response, batch_from); }

Result<BatchPage> parse_batches(const HttpResponse& response) {
    if (response.ok()) {
        const auto parsed = text::parse_json(response.body);
        if (parsed.ok() && parsed.value.is_array()) return BatchPage{batches_of(parsed.value), false};
    }
    return openai::parse_batches(response);
}

}  // namespace together

BatchApi batch_api(Dialect dialect, bool azure) {
    BatchApi api;
    if (dialect == Dialect::Together) {
        api.upload = [](const Endpoint& endpoint, const std::string& name, const std::string& jsonl,
                        unsigned long long seed) { return together::upload_jsonl(endpoint, "batch-api", name, jsonl, seed); };
        api.parse_upload = openai::parse_file;  // Together's file objects are OpenAI's shape
        api.create = [](const Endpoint& endpoint, const std::string& input_file_id, const std::string&) {
            return together::create_batch(endpoint, input_file_id);
        };
        api.parse_created = together::parse_created_batch;
        // Together's batch paths are OpenAI's.
        api.get = openai::get_batch;
        api.cancel = openai::cancel_batch;
        api.parse_batch = together::parse_batch;
        // Together lists every batch in one answer.
        api.list = [](const Endpoint& endpoint, const std::string&) { return together::list_batches(endpoint); };
        api.parse_list = together::parse_batches;
        api.file_content = openai::batch_file_content;
        return api;
    }
    api.line_url = azure ? "/chat/completions" : "/v1/chat/completions";
    api.upload = [](const Endpoint& endpoint, const std::string& name, const std::string& jsonl, unsigned long long seed) {
        return openai::upload_jsonl(endpoint, "batch", name, jsonl, seed);
    };
    api.parse_upload = openai::parse_file;
    api.create = [line_url = api.line_url](const Endpoint& endpoint, const std::string& input_file_id,
                                           const std::string& client_id) {
        return openai::create_batch(endpoint, input_file_id, line_url, client_id);
    };
    api.parse_created = openai::parse_batch;
    api.get = openai::get_batch;
    api.cancel = openai::cancel_batch;
    api.parse_batch = openai::parse_batch;
    api.list = [](const Endpoint& endpoint, const std::string& after) {
        return openai::list_batches(endpoint, after, kListPage);
    };
    api.parse_list = openai::parse_batches;
    api.file_content = openai::batch_file_content;
    return api;
}

}  // namespace tb::api
