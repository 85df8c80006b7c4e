#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/api/http.h"

namespace tb::api {

// One question of a batch: the very request the live path would send (openai::chat), and the id its
// answer comes back under.
struct BatchItem {
    std::string custom_id;
    HttpRequest request;
};

// OpenAI's limits on one input file (CreateBatchRequest): 50,000 requests, 200 MB.
struct BatchInputLimits {
    std::size_t max_requests = 50000;
    std::uint64_t max_bytes = 200ull * 1000 * 1000;
};

// One input file: a batch's worth of lines, all for one model (a batch runs one model).
struct BatchInputFile {
    std::string model;
    std::string jsonl;                    // one line a request, each ending in '\n'
    std::vector<std::string> custom_ids;  // in line order
};

struct BatchInputRefusal {
    std::string custom_id;
    std::string why;
};

struct BatchInputs {
    std::vector<BatchInputFile> files;
    // Items no file could take: a body that is not a JSON object, a repeated or empty custom_id, a line
    // over the byte limit on its own. They are asked live, or not at all.
    std::vector<BatchInputRefusal> refused;
};

// `item` as one line of an input file: its text (ending in '\n') and its body's model; or no text and
// `why` it cannot be one (no custom_id, a body that is not a JSON object, a line over the byte limit alone).
struct BatchLine {
    std::string text;
    std::string model;
    std::string why;
};
BatchLine batch_line(const BatchItem& item, const std::string& line_url, const BatchInputLimits& limits);

// The input files for `items`: each model's items, in their order, fill files of that model alone; a new
// file is opened when the next line would pass a limit. Files are listed in the order they were opened. Each line is BatchRequestInput:
// {"custom_id","method":"POST","url":line_url,"body":<the request's body as an object>}, or
// {"custom_id","body"} when `line_url` is empty (Together).
BatchInputs write_batch_inputs(const std::vector<BatchItem>& items, const std::string& line_url,
                               const BatchInputLimits& limits = {});

}  // namespace tb::api
