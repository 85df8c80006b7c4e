#include <catch2/catch.hpp>

#include "core/prompt/template.h"

using namespace tb::prompt;

namespace {

// A CFPB-like header: text in column 2, label (Product) in column 1.
Columns cfpb_columns() {
    Columns columns;
    columns.names = {"Date received", "Product", "Consumer complaint narrative", "Sub-product", "Issue", "Company"};
    columns.text = 2;
    columns.label = 1;
    return columns;
}

std::vector<std::string> cfpb_row() {
    return {"2023-01-05", "Mortgage", "My escrow {account} was wrong.", "FHA mortgage", "Escrow", "Acme Bank"};
}

UserTemplate compiled(std::string_view text) {
    auto result = compile_user_template(text, cfpb_columns());
    REQUIRE(std::holds_alternative<UserTemplate>(result));
    return std::get<UserTemplate>(result);
}

TemplateError failed(std::string_view text, const Columns& columns = cfpb_columns()) {
    auto result = compile_user_template(text, columns);
    REQUIRE(std::holds_alternative<TemplateError>(result));
    return std::get<TemplateError>(result);
}

}  // namespace

TEST_CASE("the default system prompt lists the classes one per line and asks for exactly one") {
    const std::string prompt =
        default_system_prompt({"Debt collection", "Payday loan, title loan, personal loan, or advance loan"});
    CHECK(prompt ==
          "Classify the consumer complaint into exactly one of these financial products:\n"
          "- Debt collection\n"
          "- Payday loan, title loan, personal loan, or advance loan\n"
          "Answer with one name from the list, written exactly as above, and nothing else.");
    CHECK(default_system_prompt({"a"}, "support ticket", "categories").starts_with(
        "Classify the support ticket into exactly one of these categories:"));
}

TEST_CASE("a template renders the text, any column by name and literal braces") {
    const UserTemplate t = compiled("Complaint about {Sub-product} ({Issue}) at {Company}:\n{text}\n{{not a field}}");
    CHECK(t.render(cfpb_row()) ==
          "Complaint about FHA mortgage (Escrow) at Acme Bank:\nMy escrow {account} was wrong.\n{not a field}");
    CHECK(t.uses_text());
    CHECK(t.columns_used() == std::vector<std::size_t>{3, 4, 5, 2});
    CHECK(t.source().starts_with("Complaint about"));
}

TEST_CASE("column names match ignoring case and surrounding spaces, exact names first") {
    CHECK(compiled("{issue}|{ COMPANY }").render(cfpb_row()) == "Escrow|Acme Bank");
    CHECK(compiled("{Consumer complaint narrative}").uses_text());
    Columns columns = cfpb_columns();
    columns.names.push_back("issue");  // an exact match wins over a case-insensitive one
    auto result = compile_user_template("{issue}", columns);
    REQUIRE(std::holds_alternative<UserTemplate>(result));
    std::vector<std::string> row = cfpb_row();
    row.push_back("lower");
    CHECK(std::get<UserTemplate>(result).render(row) == "lower");
}

TEST_CASE("a row without the column renders it empty") {
    const UserTemplate t = compiled("[{Company}]");
    CHECK(t.render(std::vector<std::string>{"only", "two"}) == "[]");
    std::string out = "x";
    t.render_to(cfpb_row(), out);
    CHECK(out == "x[Acme Bank]");
}

TEST_CASE("an unknown placeholder is an error naming it, its position and the columns") {
    const TemplateError error = failed("Text:\n  {text} — {Isue}");
    CHECK(error.placeholder == "{Isue}");
    CHECK(error.line == 2);
    CHECK(error.column == 12);  // "  {text} — " is 11 characters; the dash is 3 bytes but one character
    CHECK(error.offset == std::string_view("Text:\n  {text} — ").size());
    CHECK(error.message.find("Unknown placeholder {Isue}") != std::string::npos);
    CHECK(error.message.find("line 2, column 12") != std::string::npos);
    CHECK(error.message.find("{text}, {Date received}, {Consumer complaint narrative}, {Sub-product}, {Issue}, "
                             "{Company}") != std::string::npos);
    CHECK(error.message.find("{Product}") == std::string::npos);
}

TEST_CASE("the label column may not appear in the prompt") {
    const TemplateError error = failed("{text} {Product}");
    CHECK(error.placeholder == "{Product}");
    CHECK(error.column == 8);
    CHECK(error.message.find("label column") != std::string::npos);
}

TEST_CASE("stray braces, empty placeholders and empty templates are errors") {
    const TemplateError lone = failed("{text} }");
    CHECK(lone.column == 8);
    CHECK(lone.message.find("}}") != std::string::npos);
    const TemplateError open = failed("{text} {Issue");
    CHECK(open.column == 8);
    CHECK(open.placeholder == "{Issue");
    CHECK(open.message.find("not closed") != std::string::npos);
    const TemplateError nested = failed("{Is{sue}");
    CHECK(nested.column == 1);
    const TemplateError empty_name = failed("{ }");
    CHECK(empty_name.placeholder == "{ }");
    CHECK(failed("").message.find("empty") != std::string::npos);
    CHECK(failed("  \n").message.find("empty") != std::string::npos);
    Columns no_text = cfpb_columns();
    no_text.text = -1;
    CHECK(failed("{text}", no_text).message.find("no") != std::string::npos);
}

TEST_CASE("a prompt gives the messages to ask, to train on and to ask with examples") {
    auto made = make_prompt(PromptSettings{"", "{Issue}: {text}"}, cfpb_columns(), {"Mortgage", "Debt collection"});
    REQUIRE(std::holds_alternative<Prompt>(made));
    const Prompt& prompt = std::get<Prompt>(made);
    CHECK(prompt.system() == default_system_prompt({"Mortgage", "Debt collection"}));

    const auto asked = prompt.ask(cfpb_row());
    REQUIRE(asked.size() == 2);
    CHECK(asked[0].role == "system");
    CHECK(asked[1].role == "user");
    CHECK(asked[1].content == "Escrow: My escrow {account} was wrong.");

    const auto example = prompt.example(cfpb_row(), "Mortgage");
    REQUIRE(example.size() == 3);
    CHECK(example[2].role == "assistant");
    CHECK(example[2].content == "Mortgage");

    tb::data::SplitRow shot;
    shot.label = "Debt collection";
    shot.fields = {"", "Debt collection", "They call me daily.", "", "Calls", ""};
    const std::vector<tb::data::SplitRow> shots = {shot, shot};
    const auto few = prompt.ask_with_shots(shots, cfpb_row());
    REQUIRE(few.size() == 6);
    CHECK(few[1].content == "Calls: They call me daily.");
    CHECK(few[2].role == "assistant");
    CHECK(few[2].content == "Debt collection");
    CHECK(few[5].role == "user");
    CHECK(few[5].content == prompt.user_message(cfpb_row()));

    auto custom = make_prompt(PromptSettings{"Be brief.", "{text}"}, cfpb_columns(), {});
    REQUIRE(std::holds_alternative<Prompt>(custom));
    CHECK(std::get<Prompt>(custom).system() == "Be brief.");
    auto bad = make_prompt(PromptSettings{"", "{Nope}"}, cfpb_columns(), {});
    REQUIRE(std::holds_alternative<TemplateError>(bad));
    CHECK(std::get<TemplateError>(bad).placeholder == "{Nope}");
}
