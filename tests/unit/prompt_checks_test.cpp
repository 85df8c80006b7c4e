#include <catch2/catch.hpp>

#include "core/prompt/checks.h"

using namespace tb::prompt;

namespace {

// A stand-in for the real tokenizer: a token per 4 bytes, rounded up.
std::size_t quarter_bytes(std::string_view text) { return (text.size() + 3) / 4; }

// system "abcd", user "abcdefgh", assistant "ab": 3 + (3+2+1) + (3+1+2) + (3+3+1) = 22 tokens.
const std::string kGood =
    R"({"messages":[{"role":"system","content":"abcd"},{"role":"user","content":"abcdefgh"},{"role":"assistant","content":"ab"}]})";

std::string repeat(const std::string& line, int times) {
    std::string file;
    for (int i = 0; i < times; ++i) file += line + "\n";
    return file;
}

bool mentions(const std::vector<Finding>& found, std::string_view words, bool blocking) {
    for (const Finding& f : found)
        if (f.blocking == blocking && f.text.find(words) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("tokens are counted the cookbook's way") {
    const CheckReport report = check_jsonl(kGood + "\n", {}, quarter_bytes);
    REQUIRE(report.example_tokens.size() == 1);
    CHECK(report.example_tokens[0] == 22);
    CHECK(report.assistant_tokens_per_example.max == 1);
    CHECK(report.messages_per_example.max == 3);
    const std::vector<tb::api::ChatMessage> messages = {{"system", "abcd"}, {"user", "abcdefgh"}, {"assistant", "ab"}};
    CHECK(count_chat_tokens(messages, quarter_bytes) == 22);
    // A name adds its tokens and one more; a weight (a number) adds nothing.
    const CheckReport named = check_jsonl(
        R"({"messages":[{"role":"user","name":"bob","content":"x"},{"role":"assistant","content":"A","weight":1}]})",
        {}, quarter_bytes);
    CHECK(named.example_tokens == std::vector<std::size_t>{3 + (3 + 1 + 1 + 1 + 1) + (3 + 3 + 1)});
}

TEST_CASE("every format error kind of the cookbook is counted with its lines") {
    const std::string file =
        "[1,2]\n"                                                                                   // 1 data_type
        R"({"foo":1})" "\n"                                                                         // 2 missing list
        R"({"messages":[]})" "\n"                                                                   // 3 missing list
        R"({"messages":[{"role":"user"},{"role":"assistant","content":"A"}]})" "\n"                 // 4 missing key
        R"({"messages":[{"role":"user","content":"x","extra":1},{"role":"assistant","content":"A"}]})" "\n"  // 5
        R"({"messages":[{"role":"robot","content":"x"},{"role":"assistant","content":"A"}]})" "\n"  // 6 role
        R"({"messages":[{"role":"user","content":""},{"role":"assistant","content":5}]})" "\n"      // 7 content ×2
        R"({"messages":[{"role":"user","content":"x"}]})" "\n"                                      // 8 no assistant
        R"({"messages":[{"role":"system","content":"s"},{"role":"user","content":"x","name":"n","weight":1},)"
        R"({"role":"function","content":"f"},{"role":"assistant","content":"A","weight":0}]})" "\n"  // 9 fine
        R"({"messages":"not a list"})" "\n";                                                        // 10 missing list
    const CheckReport report = check_jsonl(file, {}, quarter_bytes);
    CHECK(report.lines == 10);
    CHECK(report.examples == 10);
    auto tally = [&](FormatError kind) { return report.errors(kind); };
    CHECK(tally(FormatError::DataType).count == 1);
    CHECK(tally(FormatError::DataType).first_lines == std::vector<std::size_t>{1});
    CHECK(tally(FormatError::MissingMessagesList).count == 3);
    CHECK(tally(FormatError::MissingMessagesList).first_lines == std::vector<std::size_t>{2, 3, 10});
    CHECK(tally(FormatError::MessageMissingKey).first_lines == std::vector<std::size_t>{4});
    CHECK(tally(FormatError::MessageUnrecognizedKey).first_lines == std::vector<std::size_t>{5});
    CHECK(tally(FormatError::UnrecognizedRole).first_lines == std::vector<std::size_t>{6});
    // Line 4's message has no content (missing_content too, as in the cookbook); line 7 has two bad ones.
    CHECK(tally(FormatError::MissingContent).count == 3);
    CHECK(tally(FormatError::MissingContent).lines == 2);
    CHECK(tally(FormatError::MissingContent).first_lines == std::vector<std::size_t>{4, 7});
    CHECK(tally(FormatError::ExampleMissingAssistantMessage).first_lines == std::vector<std::size_t>{8});
    CHECK_FALSE(report.ok());

    const auto found = findings(report);
    CHECK(mentions(found, "data_type: 1 example", true));
    CHECK(mentions(found, "missing_content: 3 messages on 2 lines", true));
    CHECK(mentions(found, "(lines 4, 7)", true));
    CHECK(mentions(found, "example_missing_assistant_message: 1 example", true));
    CHECK(format_error_key(FormatError::MessageUnrecognizedKey) == "message_unrecognized_key");
}

TEST_CASE("content may be empty only beside a function call, and must still be a text") {
    const CheckReport call = check_jsonl(
        R"({"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"","function_call":{"name":"f"}}]})",
        {}, quarter_bytes);
    CHECK(call.errors(FormatError::MissingContent).count == 0);
    const CheckReport null_content = check_jsonl(
        R"({"messages":[{"role":"assistant","content":null,"function_call":{"name":"f"}}]})", {}, quarter_bytes);
    CHECK(null_content.errors(FormatError::MissingContent).count == 1);
}

TEST_CASE("lines that are not JSON are reported with line, column and byte") {
    const std::string bad = R"({"messages": [})";
    const std::string file = kGood + "\n" + bad + "\n\n" + kGood + "\n";
    const CheckReport report = check_jsonl(file, {}, quarter_bytes);
    CHECK(report.lines == 4);
    CHECK(report.examples == 2);
    CHECK(report.not_json_lines.count == 2);
    REQUIRE(report.not_json.size() == 2);
    CHECK(report.not_json[0].line == 2);
    CHECK(report.not_json[0].column == 15);  // the "}" where a value should be
    CHECK(report.not_json[0].byte == kGood.size() + 1 + 14);
    CHECK(report.not_json[0].reason.find("syntax error") != std::string::npos);
    CHECK(report.not_json[1].line == 3);
    CHECK(report.not_json[1].reason == "blank line");
    CHECK_FALSE(report.ok());
    CHECK(mentions(findings(report), "2 lines are not JSON: line 2, column 15", true));
}

TEST_CASE("a byte-order mark and CRLF line ends are accepted") {
    const std::string file = "\xEF\xBB\xBF" + kGood + "\r\n" + kGood + "\r\n";
    const CheckReport report = check_jsonl(file, {}, quarter_bytes);
    CHECK(report.examples == 2);
    CHECK(report.not_json_lines.count == 0);
    CHECK_FALSE(report.has_format_errors());
}

TEST_CASE("the provider's limits: example count, file size, tokens per example") {
    FineTuningLimits limits;
    limits.min_examples = 10;
    limits.max_file_bytes = 512000000;
    limits.max_tokens_per_example = 22;

    const CheckReport nine = check_jsonl(repeat(kGood, 9), limits, quarter_bytes);
    CHECK(nine.too_few_examples);
    CHECK_FALSE(nine.ok());
    CHECK(mentions(findings(nine), "9 examples; the provider needs at least 10", true));
    const CheckReport ten = check_jsonl(repeat(kGood, 10), limits, quarter_bytes);
    CHECK(ten.ok());
    CHECK(ten.over_limit_lines.empty());  // 22 is at the limit, not over it

    limits.max_tokens_per_example = 21;
    const CheckReport over = check_jsonl(repeat(kGood, 10), limits, quarter_bytes);
    CHECK(over.ok());  // truncated, not refused
    CHECK(over.over_limit_lines.size() == 10);
    CHECK(mentions(findings(over), "10 examples are over the 21-token limit", false));
    CHECK(mentions(findings(over), "(lines 1, 2, 3, 4, 5, …)", false));

    limits.max_file_bytes = 100;
    const CheckReport large = check_jsonl(repeat(kGood, 10), limits, quarter_bytes);
    CHECK(large.too_large);
    CHECK_FALSE(large.ok());
    CHECK(mentions(findings(large), "the provider takes at most 100 B", true));

    const CheckReport unknown = check_jsonl(repeat(kGood, 2), {}, quarter_bytes);
    CHECK(unknown.ok());
    CHECK(mentions(findings(unknown), "not known", false));
}

TEST_CASE("offending lines are listed up to five, the count goes on") {
    const CheckReport report = check_jsonl(repeat("42", 7), {}, quarter_bytes);
    const Tally& t = report.errors(FormatError::DataType);
    CHECK(t.count == 7);
    CHECK(t.lines == 7);
    CHECK(t.first_lines == std::vector<std::size_t>{1, 2, 3, 4, 5});
    CHECK(mentions(findings(report), "data_type: 7 examples — the line is not a JSON object (lines 1, 2, 3, 4, 5, …)", true));
}

TEST_CASE("missing system and user messages are warnings") {
    const CheckReport report =
        check_jsonl(R"({"messages":[{"role":"user","content":"x"},{"role":"assistant","content":"A"}]})" "\n"
                    R"({"messages":[{"role":"system","content":"s"},{"role":"assistant","content":"A"}]})",
                    {}, quarter_bytes);
    CHECK(report.missing_system.first_lines == std::vector<std::size_t>{1});
    CHECK(report.missing_user.first_lines == std::vector<std::size_t>{2});
    CHECK(report.ok());
    const auto found = findings(report);
    CHECK(mentions(found, "1 example has no system message (line 1)", false));
    CHECK(mentions(found, "1 example has no user message (line 2)", false));
}

TEST_CASE("distributions interpolate as numpy does") {
    const Distribution d = distribution_of({4, 1, 3, 2});
    CHECK(d.count == 4);
    CHECK(d.min == 1);
    CHECK(d.max == 4);
    CHECK(d.mean == Approx(2.5));
    CHECK(d.median == Approx(2.5));
    CHECK(d.p90 == Approx(3.7));
    const Distribution one = distribution_of({7});
    CHECK(one.median == 7);
    CHECK(one.p90 == 7);
    CHECK(distribution_of({}).count == 0);
}
