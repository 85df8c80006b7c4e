#include <catch2/catch.hpp>

#include "price_table_fixtures.h"

#include "core/eval/spend_estimate.h"

using namespace tb;

namespace {

// gpt-4o-mini at $0.15 / $0.60 per 1M tokens; a local server's model with no price.
const char* kTable = R"({
  "as_of": "2026-11-26",
  "models": [
    {"provider": "openai", "model": "gpt-4o-mini-2024-07-18", "aliases": ["gpt-4o-mini"],
     "training_usd_per_1m_tokens": 3.0, "price_status": "verified",
     "max_tokens_per_example": 65536, "limit_status": "verified",
     "input_usd_per_1m_tokens": 0.15, "output_usd_per_1m_tokens": 0.60, "chat_price_status": "verified"}
  ]
})";
constexpr double kInput = 0.15, kOutput = 0.60;

// One token a byte: a count the test can work out by hand.
std::size_t bytes(std::string_view text) { return text.size(); }

const std::vector<std::string> kClasses = {"Mortgage", "Credit card", "Student loan"};
const std::vector<std::string> kHeader = {"text", "label"};

data::SplitRow row(std::uint64_t number, std::string text, std::string label) {
    return {number, number, label, {std::move(text), std::move(label)}};
}

prompt::Prompt make(const std::string& system, const std::string& user) {
    auto made = prompt::make_prompt({system, user}, prompt::Columns{kHeader, 0, 1}, kClasses);
    REQUIRE(std::holds_alternative<prompt::Prompt>(made));
    return std::get<prompt::Prompt>(made);
}

// The cookbook's count of one message, one token a byte: 3, its role and its content.
std::int64_t message(const std::string& role, const std::string& content) {
    return 3 + static_cast<std::int64_t>(role.size() + content.size());
}

}  // namespace

TEST_CASE("a chat candidate's estimate is its rows' messages and answers at the model's price", "[eval]") {
    const prompt::PriceTable prices = parsed(kTable);
    const prompt::Prompt prompt = make("Sort it.", "Complaint: {text}");
    const std::vector<data::SplitRow> test = {row(1, "My escrow was wrong.", "Mortgage"),
                                              row(2, "A fee I never agreed to, twice.", "Credit card")};
    const std::vector<const data::SplitRow*> rows = {&test[0], &test[1]};
    eval::Candidate candidate;
    candidate.profile = "openai";
    candidate.model = "gpt-4o-mini";

    std::int64_t prompt_tokens = 0;
    for (const data::SplitRow& r : test) {
        prompt_tokens += 3 + message("system", "Sort it.") + message("user", "Complaint: " + r.fields[0]);
    }
    const std::int64_t answer = static_cast<std::int64_t>(std::string("Student loan").size());  // the longest label
    const std::int64_t completion_tokens = 2 * answer;

    const eval::SpendEstimate zero = eval::estimate_chat_spend(candidate, prompt, {}, rows, kClasses, bytes, true, prices);
    CHECK(zero.rows == 2);
    CHECK(zero.prompt_tokens == prompt_tokens);
    CHECK(zero.completion_tokens == completion_tokens);
    CHECK(zero.exact);
    CHECK_FALSE(zero.free);
    REQUIRE(zero.dollars);
    CHECK(*zero.dollars == Approx((prompt_tokens * kInput + completion_tokens * kOutput) / 1e6));

    SECTION("few-shot: each example is a user and an assistant message more on every row") {
        candidate.method = eval::Method::FewShot;
        const std::vector<data::SplitRow> shots = {row(7, "Loan servicer lost my papers.", "Student loan")};
        const eval::SpendEstimate few = eval::estimate_chat_spend(candidate, prompt, shots, rows, kClasses, bytes, true, prices);
        const std::int64_t per_shot = message("user", "Complaint: Loan servicer lost my papers.") +
                                      message("assistant", "Student loan");
        CHECK(few.prompt_tokens == prompt_tokens + 2 * per_shot);
    }
    SECTION("structured output: the answer is the label inside {\"label\":…}") {
        candidate.structured = true;
        const eval::SpendEstimate structured =
            eval::estimate_chat_spend(candidate, prompt, {}, rows, kClasses, bytes, true, prices);
        const std::int64_t json_answer = static_cast<std::int64_t>(std::string(R"({"label":"Student loan"})").size());
        CHECK(structured.completion_tokens == 2 * json_answer);
    }
    SECTION("a model the table does not price: tokens, and no dollars") {
        candidate.profile = "local";
        candidate.model = "llama3";
        const eval::SpendEstimate unpriced = eval::estimate_chat_spend(candidate, prompt, {}, rows, kClasses, bytes, false, prices);
        CHECK(unpriced.prompt_tokens == prompt_tokens);
        CHECK_FALSE(unpriced.dollars);
        CHECK_FALSE(unpriced.exact);
        CHECK(eval::estimate_text(unpriced) == "about " + std::to_string(prompt_tokens + completion_tokens) +
                                                   " tokens, price unknown");
    }
    SECTION("no rows left: nothing to pay") {
        const eval::SpendEstimate none = eval::estimate_chat_spend(candidate, prompt, {}, {}, kClasses, bytes, true, prices);
        CHECK(none.rows == 0);
        CHECK(none.prompt_tokens == 0);
        REQUIRE(none.dollars);
        CHECK(*none.dollars == 0);
    }
}

TEST_CASE("Run all's total adds the priced estimates and counts the others", "[eval]") {
    eval::SpendEstimate a, b, unpriced, free, done;
    a.rows = 100;
    a.exact = true;
    a.dollars = 0.0123;
    b.rows = 300;
    b.exact = false;
    b.dollars = 0.5;
    unpriced.rows = 100;
    free.free = true;
    free.rows = 100;
    done.dollars = 0.0;  // nothing left to ask
    const std::vector<eval::SpendEstimate> all = {a, b, unpriced, free, done};
    const eval::SpendTotal total = eval::total_spend(all);
    CHECK(total.dollars == Approx(*a.dollars + *b.dollars));
    CHECK(total.unpriced == 1);
    CHECK(total.rows == a.rows + b.rows + unpriced.rows);
    CHECK_FALSE(total.exact);  // b's tokens were estimated
    const std::vector<eval::SpendEstimate> exact_only = {a};
    CHECK(eval::total_spend(exact_only).exact);
}

TEST_CASE("every cost is written one way, before and after running", "[eval]") {
    CHECK(eval::cost_text(std::nullopt) == "price unknown");
    CHECK(eval::cost_text(0.0) == "$0.00");
    CHECK(eval::cost_text(0.37107) == "$0.37");
    CHECK(eval::cost_text(1234.5) == "$1,234.50");
    // Under a cent, two significant digits: cheap candidates still differ from each other.
    CHECK(eval::cost_text(0.0042) == "$0.0042");
    CHECK(eval::cost_text(0.00042) == "$0.00042");
    CHECK(eval::cost_text(0.0099) == "$0.0099");
    CHECK(eval::cost_text(0.00999) == "$0.01");
    eval::SpendEstimate estimate;
    estimate.rows = 100;
    estimate.prompt_tokens = 41230;
    estimate.completion_tokens = 500;
    estimate.exact = true;
    estimate.dollars = (41230 * kInput + 500 * kOutput) / 1e6;
    CHECK(eval::estimate_text(estimate) == "≈ " + eval::cost_text(estimate.dollars) + " (41,730 tokens)");
    estimate.free = true;
    CHECK(eval::estimate_text(estimate) == "free");
}
