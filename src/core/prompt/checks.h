#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/chat.h"
#include "core/prompt/price_table.h"

namespace tb::prompt {

// Tokens in one text for the chosen model's tokenizer. The real BPE lives elsewhere; the checks only
// need a count.
using TokenCounter = std::function<std::size_t(std::string_view)>;

// The format errors of OpenAI's cookbook "Data preparation and analysis for chat model fine-tuning",
// with its names and its rules.
enum class FormatError {
    DataType,                        // the line is not a JSON object
    MissingMessagesList,             // no "messages", or it is empty / not a list
    MessageMissingKey,               // a message without "role" or "content"
    MessageUnrecognizedKey,          // a key other than role, content, name, function_call, weight
    UnrecognizedRole,                // a role other than system, user, assistant, function
    MissingContent,                  // content empty (and no function_call) or not a text
    ExampleMissingAssistantMessage,  // no assistant message in the example
};
inline constexpr std::size_t kFormatErrorKinds = 7;
inline constexpr std::size_t kFirstLines = 5;  // offending line numbers kept per kind

std::string_view format_error_key(FormatError kind);   // "data_type", … (the cookbook's names)
std::string_view format_error_text(FormatError kind);  // what it means, for people

// How often something happened (per message for message-level errors, as the cookbook counts),
// on how many lines, and the first of those lines (1-based).
struct Tally {
    std::size_t count = 0;
    std::size_t lines = 0;
    std::vector<std::size_t> first_lines;
    std::size_t last_line = 0;  // lines arrive in order: a repeat of the last one is not a new line
    void add(std::size_t line);
};

struct NotJson {
    std::size_t line = 0;    // 1-based
    std::size_t column = 0;  // 1-based byte within the line
    std::uint64_t byte = 0;  // 0-based offset in the file
    std::string reason;
};

// numpy's min / mean / median / 90th percentile (linear interpolation) / max; zeros when empty.
struct Distribution {
    std::size_t count = 0;
    double min = 0, mean = 0, median = 0, p90 = 0, max = 0;
};
Distribution distribution_of(std::vector<std::size_t> values);

struct CheckReport {
    std::uint64_t bytes = 0;
    std::size_t lines = 0;     // lines of the file, blank ones included
    std::size_t examples = 0;  // lines that are JSON (the cookbook's dataset size)

    std::array<Tally, kFormatErrorKinds> format;
    Tally not_json_lines;            // lines that are not JSON (blank lines included)
    std::vector<NotJson> not_json;   // the first kFirstLines of them, with where and why

    // Warnings: the cookbook's, and examples it says will be truncated.
    Tally missing_system, missing_user;
    Distribution messages_per_example, tokens_per_example, assistant_tokens_per_example;
    // Tokens of each example with a message list, in file order: what the cost estimate bills.
    std::vector<std::size_t> example_tokens;
    std::vector<std::size_t> over_limit_lines;  // every example over the model's per-example limit

    FineTuningLimits limits;  // what the file was held to (0: not known, not checked)
    bool too_few_examples = false;
    bool too_large = false;

    const Tally& errors(FormatError kind) const { return format[static_cast<std::size_t>(kind)]; }
    bool has_format_errors() const;
    // Nothing the provider would refuse: no format error, every line JSON, enough examples, not too large.
    // (Examples over the token limit are only truncated, as the cookbook warns.)
    bool ok() const;
};

// Tokens of a conversation counted the cookbook's way: 3 per message, each text value of a message
// (role and content, name plus 1), and 3 to prime the reply.
std::size_t count_chat_tokens(std::span<const api::ChatMessage> messages, const TokenCounter& count);

// Checks a chat fine-tuning JSONL file (a leading byte-order mark and CRLF line ends are accepted).
CheckReport check_jsonl(std::string_view file, const FineTuningLimits& limits, const TokenCounter& count);

struct Finding {
    bool blocking = false;  // the provider would refuse the file
    std::string text;       // one line: "missing_content: 3 messages on 2 lines (lines 4, 9)"
};
// The report as lines to show, errors first; none when all is well.
std::vector<Finding> findings(const CheckReport& report);

}  // namespace tb::prompt
