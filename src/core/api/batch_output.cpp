#include "core/api/batch_output.h"

#include <set>

#include <nlohmann/json.hpp>

#include "core/text/json_fields.h"
#include "core/text/json_text.h"
#include "core/text/utf8.h"

namespace tb::api {

using nlohmann::json;

namespace {

constexpr std::size_t kKeptProblems = 10;
// An id or a message quoted from the file is kept short: it ends up in the saved evaluation.
constexpr std::size_t kQuoteBytes = 200;
constexpr std::size_t kMessageBytes = 2000;

// The line's answer, or why it has none.
std::optional<BatchAnswer> answer_of(const json& line, std::string& why) {
    if (!line.is_object()) {
        why = "not a JSON object";
        return std::nullopt;
    }
    BatchAnswer answer;
    text::read_field(line, "custom_id", answer.custom_id);
    if (answer.custom_id.empty()) {
        why = "no custom_id";
        return std::nullopt;
    }
    answer.custom_id = text::valid_utf8(answer.custom_id);
    if (line.contains("response") && line["response"].is_object()) {
        const json& response = line["response"];
        const json& status = response.contains("status_code") ? response["status_code"] : json();
        if (!status.is_number_integer() || status.get<std::int64_t>() < 100 || status.get<std::int64_t>() > 599) {
            why = "its response has no HTTP status_code";
            return std::nullopt;
        }
        answer.response.status = static_cast<int>(status.get<std::int64_t>());
        answer.response.kind = RequestKind::Chat;
        std::string request_id;
        text::read_field(response, "request_id", request_id);
        if (!request_id.empty()) answer.response.headers.emplace_back("x-request-id", text::excerpt(request_id, kQuoteBytes));
        if (response.contains("body")) {
            const json& body = response["body"];
            // The body is the live answer as an object; a provider that sends it as text is taken too.
            answer.response.body = body.is_string() ? body.get<std::string>() : text::dump_json(body);
        }
        return answer;
    }
    if (line.contains("error") && line["error"].is_object()) {
        ApiError failure;
        text::read_field(line["error"], "code", failure.code);
        text::read_field(line["error"], "message", failure.message);
        failure.code = text::excerpt(failure.code, kQuoteBytes);
        failure.message = text::excerpt(failure.message, kMessageBytes);
        if (failure.message.empty()) failure.message = failure.code.empty() ? "The batch did not run this request." : failure.code;
        answer.failure = std::move(failure);
        return answer;
    }
    why = "neither a response nor an error";
    return std::nullopt;
}

}  // namespace

BatchOutput read_batch_output(std::string_view content) {
    BatchOutput out;
    std::set<std::string> seen;
    const auto problem = [&](std::size_t line, const std::string& why) {
        ++out.unreadable;
        if (out.problems.size() < kKeptProblems) out.problems.push_back("line " + std::to_string(line) + ": " + why);
    };
    std::size_t number = 0;
    for (std::size_t start = 0; start < content.size();) {
        const std::size_t end = std::min(content.find('\n', start), content.size());
        std::string_view line = content.substr(start, end - start);
        start = end + 1;
        ++number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        const auto parsed = text::parse_json(line);
        if (!parsed.ok()) {
            problem(number, parsed.problem);
            continue;
        }
        std::string why;
        auto answer = answer_of(parsed.value, why);
        if (!answer) {
            problem(number, why);
            continue;
        }
        if (!seen.insert(answer->custom_id).second) {
            problem(number, "custom_id " + text::excerpt(answer->custom_id, kQuoteBytes) + " answered again");
            continue;
        }
        out.answers.push_back(std::move(*answer));
    }
    return out;
}

}  // namespace tb::api
