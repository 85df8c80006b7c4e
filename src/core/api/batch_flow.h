#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/api/batch_api.h"
#include "core/api/batch_input.h"
#include "core/api/batch_output.h"
#include "core/api/flow.h"

namespace tb::api {

// What is saved of a batch so a reload picks it up where it was: never the answers themselves (the
// caller keeps those with its rows) nor the input (made again from the rows). Updated as the flow goes.
struct BatchRecord {
    std::string client_id;      // make_client_id(); sent in metadata, and how an unsure create is found
    std::string input_file_id;  // empty: not uploaded yet
    std::string batch_id;       // empty: not created (or not known to be)
    std::string status;         // the provider's word, as last seen
    BatchCounts counts;
    std::string output_file_id, error_file_id;
    std::int64_t created_at = 0, expires_at = 0;
    std::vector<std::string> custom_ids;  // the questions the batch asks, in its input file's order
};

nlohmann::json to_json(const BatchRecord& record);
// The record, or nothing with `problem` saying which field is wrong; every field is checked and any
// JSON (a damaged or hostile save) is taken without a throw.
std::optional<BatchRecord> batch_record_from_json(const nlohmann::json& json, std::string& problem);

struct BatchFlowSettings {
    // Between two looks at the batch: the first wait, growing by half each time up to the longest.
    double poll_seconds = 5;
    double max_poll_seconds = 60;
    // Requests the flow may safely ask again (uploads, looks, reads): the runner's retries.
    RetryPolicy retry{};
    // A look at the batch that keeps failing (the network down for a while) ends the flow after this many
    // in a row; the record resumes it later.
    int max_failed_looks = 10;
    // Pages of the batch list read when looking for a batch whose create went unanswered.
    int max_list_pages = 5;
};

// Runs one batch: upload its input → create it with the record's client id in metadata → watch it until
// it ends → read its output and error files → Done. A create that fails ambiguously (no answer, a
// timeout, a 5xx, a 408: the batch may exist) is never sent again blindly: the provider's batches are
// listed and the one with this client id (or this input file) is adopted; only when none is there is
// it created again. A flow made from a saved record resumes: with a batch id it goes back to watching;
// with an input file but no batch id it lists first, as a create may have gone out before the reload.
//
// Done: the batch completed, expired or was cancelled; answers() holds what it answered, not_done() the
// questions to ask again. Failed: the provider refused the work, the batch failed, or the provider
// stopped answering (resumable from record()).
class BatchFlow : public Flow {
public:
    // A new batch for `input` (one file of write_batch_inputs), with `client_id` from make_client_id().
    BatchFlow(BatchApi api, Endpoint endpoint, BatchInputFile input, std::string client_id,
              BatchFlowSettings settings = {}, unsigned long long boundary_seed = 0);
    // Resumes a saved batch. `input` is needed only when the record has no input file id yet (the upload
    // did not finish); its custom_ids then replace the record's.
    BatchFlow(BatchApi api, Endpoint endpoint, BatchRecord record, BatchInputFile input = {},
              BatchFlowSettings settings = {}, unsigned long long boundary_seed = 0);

    FlowStep start() override;
    FlowStep on_response(const HttpResponse& response, double now_epoch_seconds, double jitter) override;
    FlowStep resume() override;

    const BatchRecord& record() const { return record_; }
    const std::vector<BatchAnswer>& answers() const { return answers_; }
    // The record's questions the batch did not run: no line in its files, or a line with only an error
    // (batch_expired, batch_cancelled). After an expiry or a cancel, those to ask again.
    std::vector<std::string> not_done() const;
    // Lines of the output or error files that could not be read ("output file line 3: …").
    const std::vector<std::string>& problems() const { return problems_; }
    // Whether the batch was adopted from the list after an unsure create.
    bool adopted() const { return adopted_; }
    // The input file's bytes still held: the whole file until its upload is answered, none after (a file's
    // batches each hold a flow for up to a day).
    std::size_t input_bytes() const { return input_.jsonl.size(); }

private:
    enum class Stage { Upload, Create, List, Look, ReadOutput, ReadErrors, Finished };

    FlowStep send(Stage stage);
    FlowStep send_list(std::string after);
    FlowStep take_batch(const Batch& batch);
    FlowStep read_next_file();
    FlowStep finish();
    FlowStep retry_or_fail(const HttpResponse& response, double now, double jitter, ApiError error);
    FlowStep on_created(const HttpResponse& response, double now, double jitter);
    FlowStep on_listed(const HttpResponse& response, double now, double jitter);
    FlowStep on_looked(const HttpResponse& response);
    FlowStep on_file(const HttpResponse& response);

    BatchApi api_;
    Endpoint endpoint_;
    BatchInputFile input_;
    BatchRecord record_;
    BatchFlowSettings settings_;
    unsigned long long boundary_seed_ = 0;

    Stage stage_ = Stage::Upload;
    std::string list_after_;             // the list page to ask for
    int list_pages_ = 0;
    int retries_ = 0;                    // of the request now being asked
    int failed_looks_ = 0;
    double next_poll_ = 0;
    bool resumed_ = false;
    bool unsure_create_ = false;  // a create may have gone through: list before creating again
    bool adopted_ = false;
    std::string batch_error_;  // why the provider failed it, as last seen
    std::vector<BatchAnswer> answers_;
    std::vector<std::string> problems_;
};

}  // namespace tb::api
