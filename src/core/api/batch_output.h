#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/errors.h"
#include "core/api/http.h"

namespace tb::api {

// One line of a batch's output or error file. `response` is what the live request would have got
// (status, body, x-request-id), for the same parse_chat; `failure` is set instead when the line carries
// only an error (the request was never run: expired, cancelled, refused).
struct BatchAnswer {
    std::string custom_id;
    HttpResponse response;
    std::optional<ApiError> failure;
};

struct BatchOutput {
    std::vector<BatchAnswer> answers;  // in file order, one per custom_id (a repeat keeps the first)
    // Lines that could not be read: "line 3: …". Only the first few are kept; `unreadable` counts them all.
    std::vector<std::string> problems;
    std::size_t unreadable = 0;
};

// Reads the JSONL of an output or error file ({"id","custom_id","response":{"status_code","request_id",
// "body"},"error":{"code","message"}|null} a line), whatever its bytes: never throws; blank lines and
// CRLF ends are taken.
BatchOutput read_batch_output(std::string_view content);

}  // namespace tb::api
