#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/fine_tuning.h"
#include "core/api/openai_dialect.h"
#include "core/api/profiles.h"
#include "core/api/result.h"

namespace tb::api {

// A Batch API batch, for every provider; each dialect maps its own statuses onto these (OpenAI's names).
enum class BatchStatus { Validating, InProgress, Finalizing, Completed, Failed, Expired, Cancelling, Cancelled, Unknown };

// Completed, failed, expired or cancelled: the provider does no more with it.
bool is_final(BatchStatus status);
// OpenAI's word, in either case (Together writes "IN_PROGRESS").
BatchStatus batch_status_from(std::string_view text);
std::string_view batch_status_key(BatchStatus status);

struct BatchCounts {
    std::int64_t total = 0, completed = 0, failed = 0;
};

struct Batch {
    std::string id;
    BatchStatus status = BatchStatus::Unknown;
    std::string status_text;  // the provider's own word
    std::string endpoint, model;
    std::string input_file_id, output_file_id, error_file_id;
    std::int64_t created_at = 0, expires_at = 0;
    BatchCounts counts;
    std::string client_id;  // metadata.tuneboard_client_id, when Tuneboard created it
    // Why it failed: the provider's errors (OpenAI's errors.data, each with its input line), in one text.
    std::string error;
};

struct BatchPage {
    std::vector<Batch> batches;  // newest first
    bool has_more = false;
};

// The batch among `batches` that Tuneboard created with `client_id` (its metadata), or from the input
// file `input_file_id` (uploaded for this batch alone: Together keeps no metadata), or none.
const Batch* find_batch(const std::vector<Batch>& batches, const std::string& client_id,
                        const std::string& input_file_id);

// Every call a batch makes, for one provider's dialect: the app drives batches through this table and
// never asks which provider it talks to.
struct BatchApi {
    // Written into each input line ("/v1/chat/completions"; Azure's "/chat/completions"); empty: the
    // lines carry only custom_id and body (Together).
    std::string line_url;
    std::function<HttpRequest(const Endpoint&, const std::string& file_name, const std::string& jsonl,
                              unsigned long long boundary_seed)>
        upload;
    std::function<Result<UploadedFile>(const HttpResponse&)> parse_upload;
    std::function<HttpRequest(const Endpoint&, const std::string& input_file_id, const std::string& client_id)> create;
    std::function<Result<Batch>(const HttpResponse&)> parse_created;
    std::function<HttpRequest(const Endpoint&, const std::string& batch_id)> get, cancel;
    std::function<Result<Batch>(const HttpResponse&)> parse_batch;
    // Newest first; `after`: the id of the last batch of the previous page (empty: from the newest).
    std::function<HttpRequest(const Endpoint&, const std::string& after)> list;
    std::function<Result<BatchPage>(const HttpResponse&)> parse_list;
    std::function<HttpRequest(const Endpoint&, const std::string& file_id)> file_content;
};

// OpenAI's (Nebius's, any OpenAI-compatible server's), Azure's (deployment names as models, lines to
// /chat/completions) or Together's.
BatchApi batch_api(Dialect dialect, bool azure = false);

namespace openai {
// `line_url` is also the batch's endpoint: OpenAI takes "/v1/chat/completions", Azure "/chat/completions".
HttpRequest create_batch(const Endpoint& endpoint, const std::string& input_file_id, const std::string& line_url,
                         const std::string& client_id);
HttpRequest get_batch(const Endpoint& endpoint, const std::string& batch_id);
HttpRequest list_batches(const Endpoint& endpoint, const std::string& after, int limit);
HttpRequest cancel_batch(const Endpoint& endpoint, const std::string& batch_id);
HttpRequest batch_file_content(const Endpoint& endpoint, const std::string& file_id);
Result<Batch> parse_batch(const HttpResponse& response);
Result<BatchPage> parse_batches(const HttpResponse& response);
}  // namespace openai

namespace together {
// Together takes no metadata: its batches are found again by their input file. Retrieve and cancel are
// openai::get_batch and openai::cancel_batch (the same paths).
HttpRequest create_batch(const Endpoint& endpoint, const std::string& input_file_id);
HttpRequest list_batches(const Endpoint& endpoint);
// Create answers {"job": batch, "warning"}; get answers the batch itself; list a bare array.
Result<Batch> parse_created_batch(const HttpResponse& response);
Result<Batch> parse_batch(const HttpResponse& response);
Result<BatchPage> parse_batches(const HttpResponse& response);
}  // namespace together

}  // namespace tb::api
