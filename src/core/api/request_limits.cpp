#include "core/api/request_limits.h"

#include <algorithm>

#include "core/api/http.h"
#include "core/text/format.h"

namespace tb::api {

namespace {
constexpr std::uint64_t kMB = 1000 * 1000;

// An OpenRouter-sized model list (hundreds of models with descriptions) is about 1.5 MB; a chat answer
// for one label a few KB; a batch of embeddings at most 24 MB (api::EmbeddingBatchLimits); a page of events 100 entries; a result file one CSV line per training step.
constexpr RequestLimits kLimits[] = {
    {"the model list or job details", 30, 8 * kMB},
    {"the upload's answer", 600, 1 * kMB},
    {"a chat answer", 120, 2 * kMB},
    {"a page of job events or metrics", 60, 16 * kMB},
    {"the job's result file", 120, 32 * kMB},
    {"a file of this site", 120, 16 * kMB},
    {"a batch of embeddings", 120, 32 * kMB},
    // About 1 KB of chat.completion per request, 50,000 requests in a full batch.
    {"the batch's output or error file", 300, 96 * kMB},
};

}  // namespace

const RequestLimits& limits_of(RequestKind kind) { return kLimits[static_cast<int>(kind)]; }

std::string transport_failure_message(const HttpResponse& response) {
    const RequestLimits& limits = limits_of(response.kind);
    switch (response.failure) {
        case HttpResponse::Failure::None:
        case HttpResponse::Failure::Timeout:
            return "No answer to " + std::string(limits.name) + " within " +
                   std::to_string(static_cast<int>(limits.timeout_seconds)) +
                   " s: the server is not answering. Check that the base URL is the provider's API (it usually "
                   "ends in /v1) and that the server is running, then try again.";
        case HttpResponse::Failure::TooLarge:
            // Refused from its Content-Length, or as soon as the bytes read passed the limit: "at least".
            return "Refused " + std::string(limits.name) + ": the answer is at least " +
                   text::format_bytes(std::max(response.refused_bytes, limits.max_response_bytes + 1)) + ", over the " +
                   text::format_bytes(limits.max_response_bytes) +
                   " limit for it. The base URL is probably not the provider's API: check it in Providers.";
        case HttpResponse::Failure::Network:
            break;
    }
    return {};
}

}  // namespace tb::api
