#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tb::prompt {

// One model of one provider: what asking it costs and, when it can be fine-tuned, what its training costs
// and how long one example may be. Each number says whether it was checked against a source; unknown
// numbers are absent, never guessed.
struct ModelEntry {
    std::string provider;  // profile id: "openai", "azure", …
    std::string model;     // "gpt-4o-mini-2024-07-18"
    std::vector<std::string> aliases;  // other names that mean the same model ("gpt-4o-mini")
    // False for a model that is only asked (the evaluation step prices it): such an entry carries no
    // training price or limits, and `find`/`limits` never return it, so it never looks fine-tunable.
    bool fine_tunable = true;
    std::optional<double> training_per_million;  // USD per 1M training tokens
    bool price_verified = false;
    std::string price_source;
    std::size_t max_tokens_per_example = 0;  // 0: not known
    bool limit_verified = false;
    std::string limit_source;
    std::string as_of;  // the table's date unless the entry carries its own
    std::string note;
    // Inference, USD per 1M tokens. Each is absent when not known; input and output come in pairs.
    std::optional<double> input_per_million, output_per_million;              // asking the model itself
    std::optional<double> tuned_input_per_million, tuned_output_per_million;  // asking a fine-tune of it
    bool chat_price_verified = false;  // one status for all four: they are read from the same page
    std::string chat_price_source;
};

// What asking one model costs, with where the numbers come from (for the evaluation step to show).
struct ChatPrice {
    double input_per_million = 0, output_per_million = 0;
    bool verified = false;
    std::string source;
    std::string as_of;
};

// A provider's file rules for fine-tuning.
struct ProviderEntry {
    std::string provider;
    std::uint64_t max_file_bytes = 0;      // 0: not known
    std::size_t min_training_examples = 0;  // 0: not known
    std::string source;
};

// What the checks hold a file to; 0 means "not known", and that check is skipped (and said so).
struct FineTuningLimits {
    std::size_t min_examples = 0;
    std::size_t max_tokens_per_example = 0;
    std::uint64_t max_file_bytes = 0;
};

struct PriceTable {
    std::string as_of;  // YYYY-MM-DD
    std::string currency = "USD";
    std::vector<std::string> sources;
    std::vector<ProviderEntry> providers;
    std::vector<ModelEntry> models;

    // A fine-tunable model by name or alias, then by the base model of a fine-tuned name (continuing a
    // fine-tune is billed as its base model). Entries that are only asked are skipped.
    const ModelEntry* find(std::string_view provider, std::string_view model) const;
    const ProviderEntry* find_provider(std::string_view provider) const;
    FineTuningLimits limits(std::string_view provider, std::string_view model) const;

    // The price of asking `model` of `provider`: by name or alias; a fine-tuned name
    // ("ft:gpt-4o-mini-2024-07-18:org::id", Azure "….ft-abc") costs its base model's fine-tuned
    // inference price; nothing when unknown.
    std::optional<ChatPrice> chat_price(std::string_view provider, std::string_view model) const;
    // USD for the given usage, or nothing when the price is unknown (or a count is negative). Every
    // prompt token is counted at the input price: cached prompt tokens, billed lower, make this an upper
    // bound. Completion tokens as the API reports them include reasoning tokens, billed as output.
    std::optional<double> chat_cost(std::string_view provider, std::string_view model, std::int64_t prompt_tokens,
                                    std::int64_t completion_tokens) const;
};

// What a request answered through a provider's Batch API costs, as a share of the same request sent live:
// OpenAI, Azure OpenAI's global batch and Together all bill batches at half their live price.
inline constexpr double kBatchPriceFactor = 0.5;

// "ft:gpt-4o-mini-2024-07-18:org:suffix:id" (OpenAI) and "gpt-4.1-2025-04-14.ft-abc" (Azure) → the
// base model's name; any other name as it is.
std::string base_model(std::string_view model);

struct PriceTableError {
    std::string field;    // "models[2].training_usd_per_1m_tokens"; empty when the text is not JSON
    std::string message;  // names the field and what it should be
};

// The table as assets/fine_tuning_prices.json lays it out (the person's edited copy has the same form).
std::variant<PriceTable, PriceTableError> parse_price_table(std::string_view json_text);

// The bundled table with the person's edits on top: an edited model or provider replaces the bundled
// one of the same provider and name, everything else is kept. Entries keep their own dates.
PriceTable with_overrides(const PriceTable& bundled, const PriceTable& edited);

}  // namespace tb::prompt
