#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/prompt/checks.h"
#include "core/prompt/jsonl.h"

using namespace tb::prompt;

namespace {

Prompt text_prompt(const std::vector<std::string>& classes) {
    Columns columns;
    columns.names = {"text", "label", "Issue"};
    columns.text = 0;
    columns.label = 1;
    auto made = make_prompt(PromptSettings{"", "Issue: {Issue}\n{text}"}, columns, classes);
    REQUIRE(std::holds_alternative<Prompt>(made));
    return std::get<Prompt>(made);
}

tb::data::SplitRow row(std::string text, std::string label, std::string issue) {
    tb::data::SplitRow r;
    r.label = label;
    r.fields = {std::move(text), std::move(label), std::move(issue)};
    return r;
}

std::vector<std::string> lines_of(const std::string& file) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < file.size()) {
        const std::size_t end = file.find('\n', start);
        lines.push_back(file.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::size_t quarter_bytes(std::string_view text) { return (text.size() + 3) / 4; }

}  // namespace

TEST_CASE("a chat line has role before content, no spaces and raw UTF-8") {
    const std::vector<ChatMessage> messages = {
        {"system", "Pick one."}, {"user", "Line one\nsaid \"hi\" — 5 €"}, {"assistant", "Mortgage"}};
    CHECK(chat_line(messages) ==
          R"({"messages":[{"role":"system","content":"Pick one."},{"role":"user","content":"Line one\nsaid \"hi\" — 5 €"},)"
          R"({"role":"assistant","content":"Mortgage"}]})");
}

TEST_CASE("invalid UTF-8 in a text is replaced, not fatal") {
    const std::vector<ChatMessage> messages = {{"user", std::string("bad \xC3 byte")}};
    const std::string line = chat_line(messages);
    CHECK(line.find("bad \xEF\xBF\xBD byte") != std::string::npos);
    CHECK_FALSE(nlohmann::json::parse(line, nullptr, false).is_discarded());
}

TEST_CASE("training and validation files hold the split's rows, one example per line") {
    tb::data::Split split;
    split.classes = {"Mortgage", "Debt collection"};
    for (int i = 0; i < 12; ++i) {
        split.train.push_back(row("Text " + std::to_string(i) + " ends with spaces  ", i % 2 ? "Mortgage" : "Debt collection",
                                  "Issue " + std::to_string(i)));
    }
    split.validation.push_back(row("A validation text", "Mortgage", "Escrow"));
    split.test.push_back(row("NEVER SENT", "Mortgage", "Escrow"));
    const Prompt prompt = text_prompt(split.classes);
    const FineTuningFiles files = build_fine_tuning_files(prompt, split);

    const auto training = lines_of(files.training);
    REQUIRE(training.size() == 12);
    CHECK(files.training.back() == '\n');
    for (std::size_t i = 0; i < training.size(); ++i) {
        const std::string& line = training[i];
        CHECK(line.back() == '}');  // no trailing spaces or carriage returns
        const auto json = nlohmann::json::parse(line, nullptr, false);
        REQUIRE(json.is_object());
        const auto& messages = json["messages"];
        REQUIRE(messages.size() == 3);
        CHECK(messages[0]["content"] == prompt.system());
        CHECK(messages[1]["content"] == "Issue: Issue " + std::to_string(i) + "\nText " + std::to_string(i) +
                                            " ends with spaces  ");
        CHECK(messages[2]["role"] == "assistant");
        CHECK(messages[2]["content"] == split.train[i].label);
    }
    REQUIRE(lines_of(files.validation).size() == 1);
    CHECK(files.validation.find("A validation text") != std::string::npos);
    CHECK(files.training.find("NEVER SENT") == std::string::npos);
    CHECK(files.validation.find("NEVER SENT") == std::string::npos);

    // What is built passes the checks the provider's cookbook runs.
    FineTuningLimits limits;
    limits.min_examples = 10;
    limits.max_tokens_per_example = 65536;
    limits.max_file_bytes = 512000000;
    const CheckReport report = check_jsonl(files.training, limits, quarter_bytes);
    CHECK(report.ok());
    CHECK(report.examples == 12);
    CHECK(findings(report).empty());
}

TEST_CASE("a byte-order mark is added on request and the file still checks") {
    const std::vector<tb::data::SplitRow> rows = {row("t", "Mortgage", "i")};
    const std::string file = build_jsonl(text_prompt({"Mortgage"}), rows, JsonlOptions{true});
    CHECK(file.starts_with("\xEF\xBB\xBF{\"messages\":"));
    const CheckReport report = check_jsonl(file, {}, quarter_bytes);
    CHECK(report.examples == 1);
    CHECK_FALSE(report.has_format_errors());
    CHECK(report.not_json_lines.count == 0);
    CHECK(build_jsonl(text_prompt({"Mortgage"}), {}).empty());
}
