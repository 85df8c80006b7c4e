#include <catch2/catch.hpp>

#include "price_table_fixtures.h"

#include "core/prompt/cost.h"

using namespace tb::prompt;

namespace {

ModelEntry mini() {
    ModelEntry entry;
    entry.provider = "openai";
    entry.model = "gpt-4o-mini-2024-07-18";
    entry.training_per_million = 3.0;
    entry.price_verified = true;
    entry.max_tokens_per_example = 65536;
    entry.as_of = "2026-11-01";
    return entry;
}

const char* kTable = R"({
  "as_of": "2026-11-25",
  "sources": ["https://example.test/pricing"],
  "providers": [{"provider": "openai", "max_file_bytes": 512000000, "min_training_examples": 10}],
  "models": [
    {"provider": "openai", "model": "gpt-4o-mini-2024-07-18", "aliases": ["gpt-4o-mini"],
     "training_usd_per_1m_tokens": 3.0, "price_status": "verified",
     "max_tokens_per_example": 65536, "limit_status": "verified"},
    {"provider": "azure", "model": "gpt-4.1-2025-04-14", "training_usd_per_1m_tokens": null,
     "price_status": "unverified", "max_tokens_per_example": 65536, "limit_status": "verified", "as_of": "2026-10-01"}
  ]
})";

}  // namespace

TEST_CASE("auto epochs follow the cookbook at its boundaries", "[prompt]") {
    CHECK(default_epochs(0) == 0);
    CHECK(default_epochs(1) == 25);     // min(25, 100 // 1)
    CHECK(default_epochs(4) == 25);     // min(25, 25)
    CHECK(default_epochs(5) == 20);     // the cookbook's own example
    CHECK(default_epochs(7) == 14);     // 100 // 7: the cookbook floors
    CHECK(default_epochs(33) == 3);     // 99 < 100 → 100 // 33 = 3
    CHECK(default_epochs(34) == 3);     // 102 ≥ 100
    CHECK(default_epochs(100) == 3);
    CHECK(default_epochs(8333) == 3);   // 24,999 ≤ 25,000
    CHECK(default_epochs(8334) == 2);   // 25,002 > 25,000 → 25000 // 8334
    CHECK(default_epochs(12500) == 2);
    CHECK(default_epochs(12501) == 1);
    CHECK(default_epochs(25001) == 1);  // max(1, 0)
    CHECK(default_epochs(1000000) == 1);
}

TEST_CASE("billed tokens cap each example at the model's limit", "[prompt]") {
    const std::vector<std::size_t> tokens = {100, 70000, 65536, 400};
    const ModelEntry price = mini();
    const CostEstimate estimate = estimate_cost(tokens, {}, &price);
    CHECK(estimate.examples == 4);
    CHECK(estimate.epochs == 25);
    CHECK(estimate.auto_epochs);
    CHECK(estimate.capped_examples == 1);
    CHECK(estimate.token_cap == 65536);
    CHECK(estimate.tokens_per_epoch == 100 + 65536 + 65536 + 400);
    CHECK(estimate.billed_tokens == 25 * estimate.tokens_per_epoch);
    REQUIRE(estimate.dollars);
    CHECK(*estimate.dollars == Approx(25.0 * 131572 * 3.0 / 1e6));
    // Without a known limit nothing is capped.
    CHECK(estimate_cost(tokens, {}, nullptr).tokens_per_epoch == 100 + 70000 + 65536 + 400);
}

TEST_CASE("the confirm step gets one line with epochs, tokens, dollars, price and date", "[prompt]") {
    std::vector<std::size_t> tokens(100, 412);
    tokens.push_back(30);  // 101 examples, 41,230 tokens
    tb::api::Hyperparameters fixed;
    fixed.n_epochs = 3;
    const ModelEntry price = mini();
    const CostEstimate estimate = estimate_cost(tokens, fixed, &price);
    CHECK_FALSE(estimate.auto_epochs);
    CHECK(estimate.statement ==
          "3 epochs × 41,230 tokens = 123,690 billed tokens ≈ $0.37 at $3.00 / 1M (prices as of 2026-11-01)");
    CHECK(estimate_cost(tokens, {}, &price).statement.starts_with("3 epochs (auto) × 41,230 tokens"));

    fixed.n_epochs = 1;
    ModelEntry unverified = price;
    unverified.price_verified = false;
    unverified.training_per_million = 1.5;
    CHECK(estimate_cost(tokens, fixed, &unverified).statement ==
          "1 epoch × 41,230 tokens = 41,230 billed tokens ≈ $0.06 at $1.50 / 1M (prices as of 2026-11-01, unverified)");

    ModelEntry no_price = price;
    no_price.training_per_million.reset();
    const CostEstimate unpriced = estimate_cost(tokens, fixed, &no_price);
    CHECK_FALSE(unpriced.dollars);
    CHECK(unpriced.statement == "1 epoch × 41,230 tokens = 41,230 billed tokens (no known price for gpt-4o-mini-2024-07-18)");
    CHECK(estimate_cost(tokens, fixed, nullptr).statement.ends_with("(no known price for this model)"));
}

TEST_CASE("an estimate takes the token counts of a checked file", "[prompt]") {
    const std::string line =
        R"({"messages":[{"role":"system","content":"abcd"},{"role":"user","content":"abcdefgh"},{"role":"assistant","content":"ab"}]})";
    std::string file;
    for (int i = 0; i < 50; ++i) file += line + "\n";
    const CheckReport report = check_jsonl(file, {}, [](std::string_view t) { return (t.size() + 3) / 4; });
    const ModelEntry price = mini();
    const CostEstimate estimate = estimate_cost(report, {}, &price);
    CHECK(estimate.epochs == 3);
    CHECK(estimate.tokens_per_epoch == 50 * 22);
    CHECK(estimate.billed_tokens == 3 * 50 * 22);
}

TEST_CASE("dollars are shown to the cent", "[prompt]") {
    CHECK(format_dollars(0) == "$0.00");
    CHECK(format_dollars(0.004) == "< $0.01");
    CHECK(format_dollars(0.37107) == "$0.37");
    CHECK(format_dollars(3) == "$3.00");
    CHECK(format_dollars(1234.5) == "$1,234.50");
}

TEST_CASE("a price table is read, looked up by alias and fine-tuned names", "[prompt]") {
    const PriceTable table = parsed(kTable);
    CHECK(table.as_of == "2026-11-25");
    CHECK(table.sources.size() == 1);
    const ModelEntry* entry = table.find("openai", "gpt-4o-mini");
    REQUIRE(entry);
    CHECK(entry->model == "gpt-4o-mini-2024-07-18");
    CHECK(entry->as_of == "2026-11-25");
    CHECK(table.find("OpenAI", "ft:gpt-4o-mini-2024-07-18:acme:suffix:abc123") == entry);
    CHECK(table.find("azure", "gpt-4.1-2025-04-14.ft-b044a9d3") != nullptr);
    CHECK(table.find("azure", "gpt-4.1-2025-04-14")->as_of == "2026-10-01");
    CHECK_FALSE(table.find("azure", "gpt-4.1-2025-04-14")->training_per_million);
    CHECK(table.find("azure", "gpt-4o-mini") == nullptr);
    CHECK(table.find("together", "gpt-4o-mini") == nullptr);
    CHECK(base_model("ft:gpt-4o-mini-2024-07-18:acme::abc") == "gpt-4o-mini-2024-07-18");
    CHECK(base_model("gpt-4.1-nano-2025-04-14") == "gpt-4.1-nano-2025-04-14");

    const FineTuningLimits limits = table.limits("openai", "gpt-4o-mini");
    CHECK(limits.min_examples == 10);
    CHECK(limits.max_file_bytes == 512000000);
    CHECK(limits.max_tokens_per_example == 65536);
    const FineTuningLimits unknown = table.limits("custom", "llama");
    CHECK(unknown.min_examples == 0);
    CHECK(unknown.max_tokens_per_example == 0);
}

TEST_CASE("a bad price table says which field is wrong", "[prompt]") {
    CHECK(parse_error("{\"as_of\": ").message.starts_with("The price table is not JSON at line 1, column 11"));
    CHECK(parse_error("[]").message == "The price table must be a JSON object.");
    CHECK(parse_error(R"({"models": []})").field == "as_of");
    CHECK(parse_error(R"({"as_of": "25 Nov 2026", "models": []})").message == "as_of: expected a date as YYYY-MM-DD");
    CHECK(parse_error(R"({"as_of": "2026-11-25"})").field == "models");
    const std::string model_start = R"({"as_of": "2026-11-25", "models": [{"provider": "openai", "model": "m", )";
    const PriceTableError price = parse_error(model_start + R"("training_usd_per_1m_tokens": "3$"}]})");
    CHECK(price.field == "models[0].training_usd_per_1m_tokens");
    CHECK(price.message == "models[0].training_usd_per_1m_tokens: expected a number of dollars, or null when not known");
    CHECK(parse_error(model_start + R"("training_usd_per_1m_tokens": -1}]})").message.ends_with("must be a number ≥ 0"));
    CHECK(parse_error(model_start + R"("training_usd_per_1m_tokens": 3, "price_status": "sure"}]})").field ==
          "models[0].price_status");
    CHECK(parse_error(model_start + R"("training_usd_per_1m_tokens": null, "price_status": "verified"}]})").message ==
          "models[0].price_status: \"verified\" needs a price");
    CHECK(parse_error(model_start + R"("training_usd_per_1m_tokens": 3, "price_status": "verified",)"
                                    R"("max_tokens_per_example": 1.5, "limit_status": "verified"}]})")
              .field == "models[0].max_tokens_per_example");
    CHECK(parse_error(R"({"as_of": "2026-11-25", "models": [{"model": "m"}]})").message ==
          "models[0].provider: missing (a text is expected)");
    CHECK(parse_error(R"({"as_of": "2026-11-25", "models": [], "providers": [{"provider": "x", "max_file_bytes": "big"}]})")
              .field == "providers[0].max_file_bytes");
}

TEST_CASE("the person's edited table overrides the bundled one entry by entry", "[prompt]") {
    const PriceTable bundled = parsed(kTable);
    const PriceTable edited = parsed(R"({"as_of": "2026-12-01", "models": [
        {"provider": "openai", "model": "gpt-4o-mini-2024-07-18", "training_usd_per_1m_tokens": 2.5,
         "price_status": "unverified", "max_tokens_per_example": 65536, "limit_status": "verified"},
        {"provider": "together", "model": "meta-llama/Llama-3.3-70B", "training_usd_per_1m_tokens": 1.0,
         "price_status": "unverified", "max_tokens_per_example": null, "limit_status": "unverified"}]})");
    const PriceTable merged = with_overrides(bundled, edited);
    CHECK(merged.models.size() == 3);
    CHECK(merged.as_of == "2026-12-01");
    const ModelEntry* mini_entry = merged.find("openai", "gpt-4o-mini-2024-07-18");
    REQUIRE(mini_entry);
    CHECK(*mini_entry->training_per_million == 2.5);
    CHECK(mini_entry->as_of == "2026-12-01");
    CHECK(merged.find("azure", "gpt-4.1-2025-04-14")->as_of == "2026-10-01");
    CHECK(merged.find("together", "meta-llama/Llama-3.3-70B")->max_tokens_per_example == 0);
    CHECK(merged.find_provider("openai")->min_training_examples == 10);
}

TEST_CASE("the bundled price table parses and knows the fine-tunable OpenAI models", "[prompt]") {
    const PriceTable table = bundled_table();
    const std::vector<std::pair<std::string, double>> expected = {
        {"gpt-4o-mini-2024-07-18", 3.0}, {"gpt-4o-2024-08-06", 25.0},      {"gpt-4.1-2025-04-14", 25.0},
        {"gpt-4.1-mini-2025-04-14", 5.0}, {"gpt-4.1-nano-2025-04-14", 1.5}, {"gpt-3.5-turbo-0125", 8.0}};
    for (const auto& [model, dollars] : expected) {
        INFO(model);
        const ModelEntry* entry = table.find("openai", model);
        REQUIRE(entry);
        REQUIRE(entry->training_per_million);
        CHECK(*entry->training_per_million == dollars);
        CHECK(entry->max_tokens_per_example > 0);
        CHECK_FALSE(entry->price_source.empty());
        CHECK_FALSE(entry->limit_source.empty());
    }
    CHECK(table.find("openai", "gpt-4o-mini")->max_tokens_per_example == 65536);
    CHECK(table.find("openai", "gpt-3.5-turbo-0125")->max_tokens_per_example == 16385);
    CHECK(table.limits("openai", "gpt-4o-mini").max_file_bytes == 512000000);
    CHECK(table.limits("azure", "gpt-4o-mini").min_examples == 10);
}
