// The prompt template with any text the person may type and any fields a file may hold: a template is
// compiled or refused with a message that says where (valid text, inside the template); a compiled one
// renders the same into a fresh or a reused buffer, and the fine-tuning example it makes is one JSONL
// line that reads back to the same messages and passes the file check with no format error.
//
// Input: parts separated by NUL bytes: the user template, the system prompt, then the row's fields
// (text, Issue, Product = the label column, Company). Each part is made valid UTF-8 first, as all
// text in the app is (the CSV reader and the text fields see to it).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/prompt/checks.h"
#include "core/prompt/jsonl.h"
#include "core/prompt/template.h"
#include "core/text/json_text.h"
#include "core/text/utf8.h"
#include "fuzz_check.h"

using namespace tb;

namespace {

bool valid(std::string_view text) { return text::valid_utf8_prefix(text) == text.size(); }

std::vector<std::string> parts_of(std::string_view input) {
    std::vector<std::string> parts;
    while (parts.size() < 5) {
        const std::size_t end = input.find('\0');
        parts.push_back(text::valid_utf8(input.substr(0, end)));
        if (end == std::string_view::npos) break;
        input.remove_prefix(end + 1);
    }
    parts.resize(6);
    return parts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::vector<std::string> parts = parts_of(std::string_view(reinterpret_cast<const char*>(data), size));
    const std::string& user = parts[0];
    const std::vector<std::string> fields(parts.begin() + 2, parts.end());
    const prompt::Columns columns{{"text", "Issue", "Product", "Company"}, 0, 2};
    const std::vector<std::string> classes = {"Mortgage", "Credit card"};

    const auto compiled = prompt::compile_user_template(user, columns);
    if (const auto* error = std::get_if<prompt::TemplateError>(&compiled)) {
        FUZZ_CHECK(!error->message.empty() && valid(error->message) && valid(error->placeholder));
        FUZZ_CHECK(error->offset <= user.size() && error->line >= 1 && error->column >= 1);
        return 0;
    }
    const prompt::UserTemplate& compiled_user = std::get<prompt::UserTemplate>(compiled);
    const std::string rendered = compiled_user.render(fields);
    std::string reused = "before";
    compiled_user.render_to(fields, reused);
    FUZZ_CHECK(reused == "before" + rendered);
    if (user.find_first_of("{}") == std::string::npos) FUZZ_CHECK(rendered == user);

    const auto made = prompt::make_prompt({parts[1], user}, columns, classes);
    FUZZ_CHECK(std::holds_alternative<prompt::Prompt>(made));
    const prompt::Prompt& prompt = std::get<prompt::Prompt>(made);
    const std::vector<api::ChatMessage> example = prompt.example(fields, classes[0]);
    FUZZ_CHECK(example.size() == 3 && example[1].content == rendered);
    const std::string line = prompt::chat_line(example);
    FUZZ_CHECK(line.find('\n') == std::string::npos);
    const text::ParsedJson parsed = text::parse_json(line);
    FUZZ_CHECK(parsed.ok());
    const nlohmann::json& messages = parsed.value["messages"];
    FUZZ_CHECK(messages.size() == example.size());
    for (std::size_t i = 0; i < example.size(); ++i) {
        FUZZ_CHECK(messages[i]["role"] == example[i].role && messages[i]["content"] == example[i].content);
    }
    const prompt::CheckReport report =
        prompt::check_jsonl(line + "\n", {}, [](std::string_view text) { return text.size(); });
    FUZZ_CHECK(report.examples == 1 && report.not_json_lines.count == 0);
    if (!rendered.empty()) FUZZ_CHECK(!report.has_format_errors());  // an empty message is one
    return 0;
}
