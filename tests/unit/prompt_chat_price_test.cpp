#include <catch2/catch.hpp>

#include "price_table_fixtures.h"

#include "core/prompt/price_table.h"

using namespace tb::prompt;

namespace {

// A fine-tunable model with both kinds of chat price, one only asked, one without any chat price, and one
// whose price was not said to be checked.
const char* kTable = R"({
  "as_of": "2026-11-26",
  "models": [
    {"provider": "openai", "model": "gpt-4o-mini-2024-07-18", "aliases": ["gpt-4o-mini"],
     "training_usd_per_1m_tokens": 3.0, "price_status": "verified",
     "max_tokens_per_example": 65536, "limit_status": "verified",
     "input_usd_per_1m_tokens": 0.15, "output_usd_per_1m_tokens": 0.60,
     "fine_tuned_input_usd_per_1m_tokens": 0.30, "fine_tuned_output_usd_per_1m_tokens": 1.20,
     "chat_price_status": "verified", "chat_price_source": "pricing page, Standard"},
    {"provider": "openai", "model": "gpt-5-mini", "aliases": ["gpt-5-mini-2025-08-07"], "fine_tunable": false,
     "input_usd_per_1m_tokens": 0.25, "output_usd_per_1m_tokens": 2.0,
     "chat_price_status": "verified", "chat_price_source": "pricing page, Standard", "as_of": "2026-11-20"},
    {"provider": "azure", "model": "gpt-4.1-2025-04-14", "training_usd_per_1m_tokens": null,
     "price_status": "unverified", "max_tokens_per_example": 65536, "limit_status": "verified"},
    {"provider": "together", "model": "meta-llama/Llama-3.3-70B-Instruct-Turbo", "fine_tunable": false,
     "input_usd_per_1m_tokens": 0.5, "output_usd_per_1m_tokens": 0.5}
  ]
})";

const std::string kModelStart = R"({"as_of": "2026-11-26", "models": [{"provider": "openai", "model": "m", )";
const std::string kTraining = R"("training_usd_per_1m_tokens": 3, "price_status": "verified", )"
                              R"("max_tokens_per_example": null, "limit_status": "unverified", )";

}  // namespace

TEST_CASE("chat prices and models that are only asked are read from the price table", "[prompt]") {
    const PriceTable table = parsed(kTable);
    REQUIRE(table.models.size() == 4);

    const ModelEntry& mini = table.models[0];
    CHECK(mini.fine_tunable);
    CHECK(*mini.input_per_million == 0.15);
    CHECK(*mini.output_per_million == 0.60);
    CHECK(*mini.tuned_input_per_million == 0.30);
    CHECK(*mini.tuned_output_per_million == 1.20);
    CHECK(mini.chat_price_verified);
    CHECK(mini.chat_price_source == "pricing page, Standard");

    const ModelEntry& asked = table.models[1];
    CHECK_FALSE(asked.fine_tunable);
    CHECK_FALSE(asked.training_per_million);
    CHECK(asked.max_tokens_per_example == 0);
    CHECK_FALSE(asked.tuned_input_per_million);
    CHECK(asked.as_of == "2026-11-20");

    // No chat fields at all: nothing known, nothing claimed.
    const ModelEntry& azure = table.models[2];
    CHECK(azure.fine_tunable);
    CHECK_FALSE(azure.input_per_million);
    CHECK_FALSE(azure.tuned_output_per_million);
    CHECK_FALSE(azure.chat_price_verified);
    CHECK(azure.chat_price_source.empty());

    // A price that does not say it was checked counts as unverified.
    CHECK(*table.models[3].input_per_million == 0.5);
    CHECK_FALSE(table.models[3].chat_price_verified);
}

TEST_CASE("a model that is only asked never looks fine-tunable", "[prompt]") {
    const PriceTable table = parsed(kTable);
    CHECK(table.find("openai", "gpt-5-mini") == nullptr);
    CHECK(table.find("openai", "gpt-5-mini-2025-08-07") == nullptr);
    CHECK(table.find("openai", "ft:gpt-5-mini:acme::abc") == nullptr);
    CHECK(table.limits("openai", "gpt-5-mini").max_tokens_per_example == 0);
    // The fine-tunable one is still found, by alias and by a fine-tuned name.
    REQUIRE(table.find("openai", "gpt-4o-mini") != nullptr);
    CHECK(table.find("openai", "ft:gpt-4o-mini-2024-07-18:acme::abc")->model == "gpt-4o-mini-2024-07-18");
    CHECK(table.limits("openai", "gpt-4o-mini").max_tokens_per_example == 65536);
}

TEST_CASE("a bad chat price says which field is wrong", "[prompt]") {
    const PriceTableError text = parse_error(kModelStart + kTraining + R"("input_usd_per_1m_tokens": "0.15$"}]})");
    CHECK(text.field == "models[0].input_usd_per_1m_tokens");
    CHECK(text.message == "models[0].input_usd_per_1m_tokens: expected a number of dollars, or null when not known");
    CHECK(parse_error(kModelStart + kTraining + R"("output_usd_per_1m_tokens": -2, "input_usd_per_1m_tokens": 1}]})")
              .message == "models[0].output_usd_per_1m_tokens: must be a number ≥ 0");

    // Half a price cannot cost anything: the missing half is named.
    const PriceTableError half = parse_error(kModelStart + kTraining + R"("input_usd_per_1m_tokens": 0.15}]})");
    CHECK(half.field == "models[0].output_usd_per_1m_tokens");
    CHECK(half.message == "models[0].output_usd_per_1m_tokens: missing (goes with input_usd_per_1m_tokens)");
    CHECK(parse_error(kModelStart + kTraining + R"("fine_tuned_output_usd_per_1m_tokens": 1.2}]})").field ==
          "models[0].fine_tuned_input_usd_per_1m_tokens");

    CHECK(parse_error(kModelStart + kTraining + R"("chat_price_status": "sure"}]})").field == "models[0].chat_price_status");
    CHECK(parse_error(kModelStart + kTraining + R"("chat_price_status": "verified"}]})").message ==
          "models[0].chat_price_status: \"verified\" needs a price");
    CHECK(parse_error(kModelStart + kTraining + R"("chat_price_source": 7}]})").field == "models[0].chat_price_source");

    CHECK(parse_error(kModelStart + R"("fine_tunable": "no"}]})").message == "models[0].fine_tunable: expected true or false");
    // A training number on a model that is only asked would be silently unused: it is refused.
    CHECK(parse_error(kModelStart + R"("fine_tunable": false, "training_usd_per_1m_tokens": 3}]})").field ==
          "models[0].training_usd_per_1m_tokens");
    CHECK(parse_error(kModelStart + R"("fine_tunable": false, "max_tokens_per_example": 100}]})").field ==
          "models[0].max_tokens_per_example");
    CHECK(parse_error(kModelStart + R"("fine_tunable": false, "fine_tuned_input_usd_per_1m_tokens": 1,)"
                                    R"( "fine_tuned_output_usd_per_1m_tokens": 2}]})")
              .field == "models[0].fine_tuned_input_usd_per_1m_tokens");
    // A fine-tunable entry still needs its training price, and the message says how to mark one that is not.
    const PriceTableError training = parse_error(kModelStart + R"("input_usd_per_1m_tokens": 1, "output_usd_per_1m_tokens": 2}]})");
    CHECK(training.field == "models[0].training_usd_per_1m_tokens");
    CHECK(training.message.ends_with("or \"fine_tunable\": false for a model that is only asked)"));
}

TEST_CASE("chat_price finds a model by name or alias and a fine-tune by its base model", "[prompt]") {
    const PriceTable table = parsed(kTable);

    const auto base = table.chat_price("openai", "gpt-4o-mini");
    REQUIRE(base);
    CHECK(base->input_per_million == 0.15);
    CHECK(base->output_per_million == 0.60);
    CHECK(base->verified);
    CHECK(base->source == "pricing page, Standard");
    CHECK(base->as_of == "2026-11-26");
    CHECK(table.chat_price("OpenAI", "gpt-4o-mini-2024-07-18")->input_per_million == 0.15);

    // A fine-tune costs its base model's fine-tuned price, in OpenAI's and Azure's naming.
    const auto tuned = table.chat_price("openai", "ft:gpt-4o-mini-2024-07-18:acme:suffix:abc123");
    REQUIRE(tuned);
    CHECK(tuned->input_per_million == 0.30);
    CHECK(tuned->output_per_million == 1.20);
    CHECK(table.chat_price("openai", "ft:gpt-4o-mini:acme::abc123")->output_per_million == 1.20);
    CHECK_FALSE(table.chat_price("azure", "gpt-4.1-2025-04-14.ft-b044a9d3"));  // its entry has no chat price

    const auto asked = table.chat_price("openai", "gpt-5-mini-2025-08-07");
    REQUIRE(asked);
    CHECK(asked->output_per_million == 2.0);
    CHECK(asked->as_of == "2026-11-20");
    CHECK_FALSE(table.chat_price("together", "meta-llama/Llama-3.3-70B-Instruct-Turbo")->verified);

    // Unknown: another provider, an unknown model, a fine-tune of a model that is only asked.
    CHECK_FALSE(table.chat_price("azure", "gpt-4o-mini"));
    CHECK_FALSE(table.chat_price("openai", "gpt-4o"));
    CHECK_FALSE(table.chat_price("openai", "ft:gpt-5-mini:acme::abc"));
    CHECK_FALSE(table.chat_price("openai", "ft:gpt-9:acme::abc"));
    CHECK_FALSE(table.chat_price("azure", "gpt-4.1-2025-04-14"));
}

TEST_CASE("chat_cost is usage times the price per million", "[prompt]") {
    const PriceTable table = parsed(kTable);
    // 1,000,000 × $0.15 / 1M + 200,000 × $0.60 / 1M = $0.15 + $0.12.
    const auto base = table.chat_cost("openai", "gpt-4o-mini", 1'000'000, 200'000);
    REQUIRE(base);
    CHECK(*base == Approx(0.27));
    // The same usage of a fine-tune: $0.30 + 200,000 × $1.20 / 1M = $0.30 + $0.24.
    CHECK(*table.chat_cost("openai", "ft:gpt-4o-mini-2024-07-18:acme::x", 1'000'000, 200'000) == Approx(0.54));
    // 12,345 × $0.25 / 1M + 678 × $2.00 / 1M = $0.00308625 + $0.001356.
    CHECK(*table.chat_cost("openai", "gpt-5-mini", 12'345, 678) == Approx(0.00444225));
    CHECK(*table.chat_cost("openai", "gpt-5-mini", 0, 0) == 0.0);

    CHECK_FALSE(table.chat_cost("openai", "gpt-4o", 1000, 10));
    CHECK_FALSE(table.chat_cost("azure", "gpt-4.1-2025-04-14", 1000, 10));
    CHECK_FALSE(table.chat_cost("openai", "gpt-4o-mini", -1, 10));
    CHECK_FALSE(table.chat_cost("openai", "gpt-4o-mini", 10, -1));
}

TEST_CASE("an edited entry replaces the bundled chat prices whole", "[prompt]") {
    const PriceTable bundled = parsed(kTable);
    const PriceTable edited = parsed(R"({"as_of": "2026-12-01", "models": [
        {"provider": "openai", "model": "gpt-4o-mini-2024-07-18", "training_usd_per_1m_tokens": 3.0,
         "price_status": "verified", "max_tokens_per_example": 65536, "limit_status": "verified",
         "fine_tuned_input_usd_per_1m_tokens": 0.2, "fine_tuned_output_usd_per_1m_tokens": 0.8},
        {"provider": "openai", "model": "gpt-5-mini", "fine_tunable": false,
         "input_usd_per_1m_tokens": 0.2, "output_usd_per_1m_tokens": 1.6, "chat_price_status": "unverified"},
        {"provider": "azure", "model": "my-gpt-4o-deployment", "fine_tunable": false,
         "input_usd_per_1m_tokens": 2.75, "output_usd_per_1m_tokens": 11.0}]})");
    const PriceTable merged = with_overrides(bundled, edited);
    CHECK(merged.models.size() == 5);

    // The edit gave no price for asking the model itself, and the bundled one is not kept beside it.
    CHECK_FALSE(merged.chat_price("openai", "gpt-4o-mini-2024-07-18"));
    CHECK_FALSE(merged.chat_price("openai", "gpt-4o-mini"));  // the bundled alias went with the bundled entry
    const auto tuned = merged.chat_price("openai", "ft:gpt-4o-mini-2024-07-18:acme::x");
    REQUIRE(tuned);
    CHECK(tuned->input_per_million == 0.2);
    CHECK_FALSE(tuned->verified);
    CHECK(tuned->as_of == "2026-12-01");

    const auto asked = merged.chat_price("openai", "gpt-5-mini");
    REQUIRE(asked);
    CHECK(asked->output_per_million == 1.6);
    CHECK_FALSE(asked->verified);
    CHECK_FALSE(merged.chat_price("openai", "gpt-5-mini-2025-08-07"));
    CHECK(*merged.chat_cost("azure", "my-gpt-4o-deployment", 1'000'000, 1'000'000) == Approx(13.75));
    CHECK(merged.find("azure", "my-gpt-4o-deployment") == nullptr);
    // Untouched entries stay as bundled.
    CHECK(merged.chat_price("together", "meta-llama/Llama-3.3-70B-Instruct-Turbo")->input_per_million == 0.5);
}

TEST_CASE("the bundled price table gives every chat price a source", "[prompt]") {
    const PriceTable table = bundled_table();

    std::size_t priced = 0;
    for (const ModelEntry& entry : table.models) {
        INFO(entry.provider << " " << entry.model);
        if (!entry.input_per_million && !entry.tuned_input_per_million) continue;
        ++priced;
        CHECK_FALSE(entry.chat_price_source.empty());
        if (!entry.fine_tunable) CHECK(table.find(entry.provider, entry.model) == nullptr);
    }
    CHECK(priced > 0);

    // The fine-tunable OpenAI models carry both prices, as the pricing page lists them (Standard tier).
    struct Expected {
        const char* model;
        double input, output, tuned_input, tuned_output;
    };
    for (const Expected& row : {Expected{"gpt-4o-mini-2024-07-18", 0.15, 0.60, 0.30, 1.20},
                                Expected{"gpt-4o-2024-08-06", 2.50, 10.00, 3.75, 15.00},
                                Expected{"gpt-4.1-2025-04-14", 2.00, 8.00, 3.00, 12.00},
                                Expected{"gpt-4.1-mini-2025-04-14", 0.40, 1.60, 0.80, 3.20},
                                Expected{"gpt-4.1-nano-2025-04-14", 0.10, 0.40, 0.20, 0.80}}) {
        INFO(row.model);
        const auto base = table.chat_price("openai", row.model);
        REQUIRE(base);
        CHECK(base->verified);
        CHECK(base->input_per_million == row.input);
        CHECK(base->output_per_million == row.output);
        const auto tuned = table.chat_price("openai", std::string("ft:") + row.model + ":acme::abc");
        REQUIRE(tuned);
        CHECK(tuned->input_per_million == row.tuned_input);
        CHECK(tuned->output_per_million == row.tuned_output);
    }
    for (const char* model : {"gpt-5", "gpt-5-mini", "gpt-5-nano"}) {
        INFO(model);
        REQUIRE(table.chat_price("openai", model));
        CHECK(table.find("openai", model) == nullptr);
    }
    CHECK(*table.chat_cost("openai", "gpt-4o-mini", 1'000'000, 200'000) == Approx(0.27));
}
