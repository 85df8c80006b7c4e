#include "core/prompt/checks.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/prompt/json_syntax.h"
#include "core/text/format.h"
#include "core/text/json_text.h"

namespace tb::prompt {

namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, kFormatErrorKinds> kKeys = {
    "data_type",         "missing_messages_list", "message_missing_key",
    "message_unrecognized_key", "unrecognized_role", "missing_content",
    "example_missing_assistant_message"};

constexpr std::array<std::string_view, kFormatErrorKinds> kTexts = {
    "the line is not a JSON object",
    "no \"messages\" list, or an empty one",
    "a message without \"role\" or \"content\"",
    "a message key other than role, content, name, function_call, weight",
    "a role other than system, user, assistant, function",
    "a message whose content is empty or not a text",
    "an example without an assistant message"};

// Python's truth value, which the cookbook's `not content` and `not messages` test.
bool truthy(const json& value) {
    switch (value.type()) {
        case json::value_t::null: return false;
        case json::value_t::boolean: return value.get<bool>();
        case json::value_t::string: return !value.get_ref<const std::string&>().empty();
        case json::value_t::array:
        case json::value_t::object: return !value.empty();
        case json::value_t::number_integer: return value.get<std::int64_t>() != 0;
        case json::value_t::number_unsigned: return value.get<std::uint64_t>() != 0;
        case json::value_t::number_float: return value.get<double>() != 0.0;
        default: return true;
    }
}

bool is_role(const json& message, std::string_view role) {
    if (!message.is_object()) return false;
    const auto found = message.find("role");
    return found != message.end() && found->is_string() && found->get_ref<const std::string&>() == role;
}

bool has_role(const json& messages, std::string_view role) {
    return std::any_of(messages.begin(), messages.end(), [&](const json& m) { return is_role(m, role); });
}

// The cookbook's rules, in its order; message-level errors count once per message.
void check_format(const json& example, std::size_t line, CheckReport& report) {
    auto add = [&](FormatError kind) { report.format[static_cast<std::size_t>(kind)].add(line); };
    if (!example.is_object()) {
        add(FormatError::DataType);
        return;
    }
    const auto messages = example.find("messages");
    if (messages == example.end() || !truthy(*messages) || !messages->is_array()) {
        add(FormatError::MissingMessagesList);
        return;
    }
    for (const json& message : *messages) {
        if (!message.is_object()) {
            add(FormatError::MessageMissingKey);
            continue;
        }
        if (!message.contains("role") || !message.contains("content")) add(FormatError::MessageMissingKey);
        bool unrecognized = false;
        for (const auto& item : message.items()) {
            const std::string& key = item.key();
            unrecognized = unrecognized || !(key == "role" || key == "content" || key == "name" ||
                                             key == "function_call" || key == "weight");
        }
        if (unrecognized) add(FormatError::MessageUnrecognizedKey);
        if (!(is_role(message, "system") || is_role(message, "user") || is_role(message, "assistant") ||
              is_role(message, "function"))) {
            add(FormatError::UnrecognizedRole);
        }
        const json none;
        const auto content = message.find("content");
        const auto call = message.find("function_call");
        const json& content_value = content == message.end() ? none : *content;
        const json& call_value = call == message.end() ? none : *call;
        if ((!truthy(content_value) && !truthy(call_value)) || !content_value.is_string()) {
            add(FormatError::MissingContent);
        }
    }
    if (!has_role(*messages, "assistant")) add(FormatError::ExampleMissingAssistantMessage);
}

std::size_t count_value(const json& value, const TokenCounter& count) {
    // The cookbook encodes every value as text; a non-text value (function_call, weight) is counted as
    // its JSON so that it is not silently free.
    if (value.is_string()) return count(value.get_ref<const std::string&>());
    if (value.is_object() || value.is_array()) return count(text::dump_json(value));
    return 0;
}

void analyse(const json& example, std::size_t line, const TokenCounter& count, CheckReport& report,
             std::vector<std::size_t>& messages_per_example, std::vector<std::size_t>& assistant_tokens) {
    if (!example.is_object()) return;
    const auto messages = example.find("messages");
    if (messages == example.end() || !messages->is_array() || messages->empty()) return;
    if (!has_role(*messages, "system")) report.missing_system.add(line);
    if (!has_role(*messages, "user")) report.missing_user.add(line);
    std::size_t tokens = 3, assistant = 0;
    for (const json& message : *messages) {
        if (!message.is_object()) continue;
        tokens += 3;
        for (const auto& item : message.items()) {
            tokens += count_value(item.value(), count);
            if (item.key() == "name") tokens += 1;
        }
        if (is_role(message, "assistant")) {
            const auto content = message.find("content");
            if (content != message.end() && content->is_string()) assistant += count(content->get_ref<const std::string&>());
        }
    }
    messages_per_example.push_back(messages->size());
    report.example_tokens.push_back(tokens);
    assistant_tokens.push_back(assistant);
    if (report.limits.max_tokens_per_example > 0 && tokens > report.limits.max_tokens_per_example) {
        report.over_limit_lines.push_back(line);
    }
}

std::string line_list(const std::vector<std::size_t>& lines, std::size_t total) {
    std::string text = lines.size() == 1 && total == 1 ? "line " : "lines ";
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i > 0) text += ", ";
        text += std::to_string(lines[i]);
    }
    if (total > lines.size()) text += ", …";
    return text;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return text::with_commas(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

std::string_view format_error_key(FormatError kind) { return kKeys[static_cast<std::size_t>(kind)]; }
std::string_view format_error_text(FormatError kind) { return kTexts[static_cast<std::size_t>(kind)]; }

void Tally::add(std::size_t line) {
    ++count;
    if (line == last_line) return;
    last_line = line;
    ++lines;
    if (first_lines.size() < kFirstLines) first_lines.push_back(line);
}

Distribution distribution_of(std::vector<std::size_t> values) {
    Distribution d;
    d.count = values.size();
    if (values.empty()) return d;
    std::sort(values.begin(), values.end());
    double sum = 0;
    for (std::size_t v : values) sum += static_cast<double>(v);
    auto quantile = [&](double q) {
        const double position = q * static_cast<double>(values.size() - 1);
        const auto low = static_cast<std::size_t>(std::floor(position));
        const auto high = static_cast<std::size_t>(std::ceil(position));
        const double a = static_cast<double>(values[low]), b = static_cast<double>(values[high]);
        return a + (b - a) * (position - static_cast<double>(low));
    };
    d.min = static_cast<double>(values.front());
    d.max = static_cast<double>(values.back());
    d.mean = sum / static_cast<double>(values.size());
    d.median = quantile(0.5);
    d.p90 = quantile(0.9);
    return d;
}

bool CheckReport::has_format_errors() const {
    return std::any_of(format.begin(), format.end(), [](const Tally& t) { return t.count > 0; });
}

bool CheckReport::ok() const {
    return !has_format_errors() && not_json_lines.count == 0 && !too_few_examples && !too_large;
}

std::size_t count_chat_tokens(std::span<const api::ChatMessage> messages, const TokenCounter& count) {
    std::size_t tokens = 3;
    for (const api::ChatMessage& message : messages) tokens += 3 + count(message.role) + count(message.content);
    return tokens;
}

CheckReport check_jsonl(std::string_view file, const FineTuningLimits& limits, const TokenCounter& count) {
    CheckReport report;
    report.bytes = file.size();
    report.limits = limits;
    std::vector<std::size_t> messages_per_example, assistant_tokens;
    std::size_t start = file.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    std::size_t line_number = 0;
    // A final "\n" ends the last line; it does not begin an empty one.
    while (start < file.size()) {
        const std::size_t end = std::min(file.find('\n', start), file.size());
        std::string_view line = file.substr(start, end - start);
        if (line.ends_with('\r')) line.remove_suffix(1);
        ++line_number;
        const json example = text::parse_json(line).value;
        if (example.is_discarded()) {
            report.not_json_lines.add(line_number);
            if (report.not_json.size() < kFirstLines) {
                NotJson bad;
                bad.line = line_number;
                if (line.find_first_not_of(" \t") == std::string_view::npos) {
                    bad.reason = "blank line";
                    bad.column = 1;
                } else {
                    const auto syntax = json_syntax_error(line);
                    const std::size_t offset = syntax ? std::min(syntax->offset, line.size()) : 0;
                    bad.column = offset + 1;
                    bad.reason = syntax ? syntax->reason : "not JSON";
                }
                bad.byte = start + bad.column - 1;
                report.not_json.push_back(std::move(bad));
            }
        } else {
            ++report.examples;
            check_format(example, line_number, report);
            analyse(example, line_number, count, report, messages_per_example, assistant_tokens);
        }
        start = end + 1;
    }
    report.lines = line_number;
    report.messages_per_example = distribution_of(std::move(messages_per_example));
    report.tokens_per_example = distribution_of(report.example_tokens);
    report.assistant_tokens_per_example = distribution_of(std::move(assistant_tokens));
    report.too_few_examples = limits.min_examples > 0 && report.examples < limits.min_examples;
    report.too_large = limits.max_file_bytes > 0 && report.bytes > limits.max_file_bytes;
    return report;
}

std::vector<Finding> findings(const CheckReport& report) {
    std::vector<Finding> out;
    if (report.too_large) {
        out.push_back({true, "The file is " + text::format_bytes(report.bytes) + "; the provider takes at most " +
                                 text::format_bytes(report.limits.max_file_bytes) + "."});
    }
    if (report.not_json_lines.count > 0) {
        std::string line = plural(report.not_json_lines.count, "line is", "lines are") + " not JSON";
        for (std::size_t i = 0; i < report.not_json.size(); ++i) {
            const NotJson& bad = report.not_json[i];
            line += i == 0 ? ": " : "; ";
            line += "line " + std::to_string(bad.line) + ", column " + std::to_string(bad.column) + " (byte " +
                    std::to_string(bad.byte) + "): " + bad.reason;
        }
        if (report.not_json_lines.count > report.not_json.size()) line += "; …";
        out.push_back({true, line});
    }
    for (std::size_t k = 0; k < kFormatErrorKinds; ++k) {
        const Tally& tally = report.format[k];
        if (tally.count == 0) continue;
        const auto kind = static_cast<FormatError>(k);
        const bool per_message = kind != FormatError::DataType && kind != FormatError::MissingMessagesList &&
                                 kind != FormatError::ExampleMissingAssistantMessage;
        std::string line = std::string(format_error_key(kind)) + ": ";
        line += per_message ? plural(tally.count, "message", "messages") + " on " + plural(tally.lines, "line", "lines")
                            : plural(tally.count, "example", "examples");
        line += " — " + std::string(format_error_text(kind)) + " (" + line_list(tally.first_lines, tally.lines) + ")";
        out.push_back({true, line});
    }
    if (report.too_few_examples) {
        out.push_back({true, plural(report.examples, "example", "examples") + "; the provider needs at least " +
                                 text::with_commas(report.limits.min_examples) + "."});
    }
    if (!report.over_limit_lines.empty()) {
        std::vector<std::size_t> first(report.over_limit_lines.begin(),
                                       report.over_limit_lines.begin() +
                                           static_cast<std::ptrdiff_t>(std::min(kFirstLines, report.over_limit_lines.size())));
        out.push_back({false, plural(report.over_limit_lines.size(), "example is", "examples are") + " over the " +
                                  text::with_commas(report.limits.max_tokens_per_example) +
                                  "-token limit per example and will be truncated (" +
                                  line_list(first, report.over_limit_lines.size()) + ")."});
    }
    if (report.missing_system.count > 0) {
        out.push_back({false, plural(report.missing_system.count, "example has", "examples have") +
                                  " no system message (" + line_list(report.missing_system.first_lines, report.missing_system.lines) + ")."});
    }
    if (report.missing_user.count > 0) {
        out.push_back({false, plural(report.missing_user.count, "example has", "examples have") + " no user message (" +
                                  line_list(report.missing_user.first_lines, report.missing_user.lines) + ")."});
    }
    if (report.limits.max_tokens_per_example == 0 && report.examples > 0) {
        out.push_back({false, "This model's token limit per example is not known: example lengths were not checked."});
    }
    return out;
}

}  // namespace tb::prompt
