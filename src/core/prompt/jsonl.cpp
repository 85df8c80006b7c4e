#include "core/prompt/jsonl.h"

#include <nlohmann/json.hpp>

#include "core/text/json_text.h"

namespace tb::prompt {

namespace {

void append_json_string(const std::string& value, std::string& out) {
    out += text::dump_json(nlohmann::json(value));
}

}  // namespace

std::string chat_line(std::span<const ChatMessage> messages) {
    std::string line = R"({"messages":[)";
    for (std::size_t i = 0; i < messages.size(); ++i) {
        if (i > 0) line += ',';
        line += R"({"role":)";
        append_json_string(messages[i].role, line);
        line += R"(,"content":)";
        append_json_string(messages[i].content, line);
        line += '}';
    }
    line += "]}";
    return line;
}

std::string build_jsonl(const Prompt& prompt, std::span<const data::SplitRow> rows, const JsonlOptions& options) {
    std::string file;
    if (options.byte_order_mark) file += "\xEF\xBB\xBF";
    for (const data::SplitRow& row : rows) {
        const auto messages = prompt.example(row.fields, row.label);
        file += chat_line(messages);
        file += '\n';
    }
    return file;
}

FineTuningFiles build_fine_tuning_files(const Prompt& prompt, const data::Split& split, const JsonlOptions& options) {
    return {build_jsonl(prompt, split.train, options), build_jsonl(prompt, split.validation, options)};
}

}  // namespace tb::prompt
