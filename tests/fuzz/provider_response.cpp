// A provider's answer, whatever it holds (any status, any body, any header): every parser reads it into
// a value or an error without a throw, and whatever it keeps (jobs, events, checkpoints, answers, error
// messages) saves with an ordinary dump(): text that is not UTF-8 must have been replaced on entry.
//
// Input: byte 0 picks the parser, byte 1 the HTTP status (and for embeddings, how many texts were sent); the rest is the body, whose first bytes are
// also sent as the x-request-id header.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/api/chat.h"
#include "core/api/embeddings.h"
#include "core/api/openai_dialect.h"
#include "core/api/result_metrics.h"
#include "core/api/together_dialect.h"
#include "core/eval/run.h"
#include "core/finetune/tracked_job.h"
#include "core/workflow/eval_state.h"
#include "fuzz_check.h"

using namespace tb;
using nlohmann::json;

namespace {

void keep(const api::ApiError& error) {
    (void)json{{"why", api::describe(error)}, {"type", error.type}, {"code", error.code}}.dump();
    FUZZ_CHECK(!error.message.empty());
}

// A parser's result as the app keeps it: values in a tracked job (saved with the experiment), errors
// as a job's or a row's reason.
template <typename T, typename Keep>
void keep(const api::Result<T>& result, Keep keep_value) {
    if (const T* value = api::value_of(result)) {
        keep_value(*value);
    } else {
        keep(std::get<api::ApiError>(result));
    }
}

void keep_jobs(const std::vector<api::Job>& jobs) {
    for (const api::Job& job : jobs) (void)finetune::to_json(job).dump();
}

void keep_events(const std::vector<api::JobEvent>& events) {
    finetune::TrackedJob tracked;
    api::merge_events(tracked.events, events);
    finetune::merge_event_metrics(tracked.metrics, events);
    (void)finetune::to_json(tracked).dump();
}

void keep_checkpoints(const std::vector<api::Checkpoint>& checkpoints) {
    finetune::TrackedJob tracked;
    tracked.checkpoints = checkpoints;
    (void)finetune::to_json(tracked).dump();
}

// A chat answer as a row's answer, saved with the evaluations.
void keep_answer(const api::ChatAnswer& answer) {
    workflow::EvalState eval;
    eval.evaluations.push_back(eval::make_evaluation({}));
    eval::record_answer(eval.evaluations[0], 1, answer, {"Mortgage", "Credit card", "Debt collection"}, 0.5);
    FUZZ_CHECK(eval.evaluations[0].answers.at(1).raw.size() <= eval::kRawAnswerBytes);
    (void)workflow::to_json(eval).dump();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    constexpr int kStatuses[] = {200, 201, 400, 401, 403, 404, 429, 500, 502, 0};
    api::HttpResponse response;
    response.status = kStatuses[data[1] % std::size(kStatuses)];
    response.body.assign(reinterpret_cast<const char*>(data) + 2, size - 2);
    response.headers = {{"x-request-id", response.body.substr(0, 16)}};
    if (response.status == 0) response.failure = data[1] & 0x80 ? api::HttpResponse::Failure::Timeout : api::HttpResponse::Failure::Network;

    switch (data[0] % 16) {
        case 0: keep(api::parse_api_error(response)); break;
        case 1: keep(api::openai::parse_chat(response, false), keep_answer); break;
        case 2: keep(api::openai::parse_chat(response, true), keep_answer); break;
        case 3: keep(api::openai::parse_file(response), [](const api::UploadedFile& f) { (void)json{{"id", f.id}, {"name", f.filename}}.dump(); }); break;
        case 4: keep(api::openai::parse_job(response), [](const api::Job& job) { keep_jobs({job}); }); break;
        case 5: keep(api::openai::parse_jobs(response), keep_jobs); break;
        case 6: keep(api::openai::parse_events(response), [](const api::openai::EventPage& page) { keep_events(page.events); }); break;
        case 7: keep(api::openai::parse_checkpoints(response), keep_checkpoints); break;
        case 8:
            keep(api::openai::parse_models(response), [](const std::vector<api::ModelInfo>& models) {
                for (const auto& m : models) (void)json{{"id", m.id}, {"ownedBy", m.owned_by}, {"shutdown", m.shutdown_date.value_or("")}}.dump();
            });
            break;
        case 9: keep(api::together::parse_job(response), [](const api::Job& job) { keep_jobs({job}); }); break;
        case 10: keep(api::together::parse_jobs(response), keep_jobs); break;
        case 11: keep(api::together::parse_events(response), keep_events); break;
        case 12: keep(api::together::parse_checkpoints(response), keep_checkpoints); break;
        case 13:
            keep(api::together::parse_metrics(response), [](const std::vector<api::StepMetrics>& metrics) {
                (void)finetune::series_json(metrics).dump();
            });
            break;
        case 14: {
            // Vectors for 1 to 8 texts (byte 1's top bits): all of them, of one length, finite, or an error.
            const std::size_t inputs = 1 + (data[1] >> 5);
            keep(api::openai::parse_embeddings(response, inputs), [&](const api::EmbeddingAnswer& answer) {
                FUZZ_CHECK(answer.vectors.size() == inputs);
                for (const auto& vector : answer.vectors) {
                    FUZZ_CHECK(!vector.empty() && vector.size() == answer.vectors.front().size());
                    for (const float v : vector) FUZZ_CHECK(std::isfinite(v));
                }
            });
            break;
        }
        default: {
            // A result file, as the app reads it: base64 or CSV, then its metrics or why not.
            const auto text = api::openai::result_file_text(response.body);
            if (!text) break;
            const auto metrics = api::parse_result_metrics(*text);
            if (const auto* error = std::get_if<api::ResultMetricsError>(&metrics)) {
                (void)json(error->message).dump();
            } else {
                (void)finetune::series_json(std::get<std::vector<api::StepMetrics>>(metrics)).dump();
            }
        }
    }
    return 0;
}
