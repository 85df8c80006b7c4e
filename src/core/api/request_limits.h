#pragma once

#include <cstdint>
#include <string>

namespace tb::api {

struct HttpResponse;

// What a request is for decides how long it may take and how large its answer may be. A wrong or hostile
// base URL (a shared link can preset one) must not be able to keep the person waiting for minutes or
// fill the page's memory: every answer is refused past its kind's size, before it reaches WASM memory.
enum class RequestKind {
    Metadata,     // model lists, a job's details, job lists, checkpoints, create, cancel
    Upload,       // a training file going up (the answer is a small file record)
    Chat,         // one chat answer (a label)
    Events,       // a page of a job's events, or its metrics
    FileContent,  // a job's result file
    SiteFile,     // a file of this site itself (a tokenizer's ranks)
    Embeddings,   // vectors for a batch of texts (plan_embedding_batches keeps them under the size)
    BatchFile,    // a Batch API output or error file: a whole chat answer per request, up to 50,000 of them
};

struct RequestLimits {
    const char* name;  // for messages: "the model list or job details"
    double timeout_seconds;
    std::uint64_t max_response_bytes;
};

// The one table of limits (the README's "Requests" section states the same numbers).
const RequestLimits& limits_of(RequestKind kind);

// Why an answer never came or was refused, with what to do: a timeout, or an answer over its kind's size.
// Empty for anything else (errors.cpp explains a network or CORS failure).
std::string transport_failure_message(const HttpResponse& response);

}  // namespace tb::api
