#include "core/prompt/price_table.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/csv/header.h"
#include "core/prompt/json_syntax.h"
#include "core/text/json_text.h"

namespace tb::prompt {

namespace {

using json = nlohmann::json;

bool is_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i == 4 || i == 7) continue;
        if (text[i] < '0' || text[i] > '9') return false;
    }
    return true;
}

// Reads fields and remembers the first thing wrong, named by its path in the document.
class Reader {
public:
    std::optional<PriceTableError> error;

    bool fail(const std::string& field, const std::string& what) {
        if (!error) error = PriceTableError{field, field + ": " + what};
        return false;
    }

    bool string(const json& object, const char* key, const std::string& path, std::string& out, bool required) {
        const std::string field = path + key;
        if (!object.contains(key)) return required ? fail(field, "missing (a text is expected)") : true;
        if (!object[key].is_string()) return fail(field, "expected a text");
        out = object[key].get<std::string>();
        if (required && out.empty()) return fail(field, "must not be empty");
        return true;
    }

    // A whole number ≥ 0, or null (unknown: `out` stays 0).
    bool count(const json& object, const char* key, const std::string& path, std::uint64_t& out) {
        const std::string field = path + key;
        if (!object.contains(key)) return fail(field, "missing (a whole number, or null when not known)");
        const json& value = object[key];
        if (value.is_null()) return true;
        if (value.is_number_unsigned()) {
            out = value.get<std::uint64_t>();
            return true;
        }
        if (value.is_number_float()) {
            const double number = value.get<double>();
            if (number >= 0 && std::floor(number) == number && number < 1.8e19) {
                out = static_cast<std::uint64_t>(number);
                return true;
            }
        }
        return fail(field, "expected a whole number ≥ 0, or null when not known");
    }

    bool status(const json& object, const char* key, const std::string& path, bool& verified) {
        std::string text;
        if (!string(object, key, path, text, true)) return false;
        if (text == "verified") {
            verified = true;
        } else if (text == "unverified") {
            verified = false;
        } else {
            return fail(path + key, "expected \"verified\" or \"unverified\"");
        }
        return true;
    }

    // Dollars ≥ 0, or null (unknown: `out` stays empty). An absent key is left to the caller.
    bool dollars(const json& object, const char* key, const std::string& path, std::optional<double>& out) {
        const std::string field = path + key;
        const json& value = object[key];
        if (value.is_null()) return true;
        if (!value.is_number()) return fail(field, "expected a number of dollars, or null when not known");
        const double number = value.get<double>();
        if (!(number >= 0) || !std::isfinite(number)) return fail(field, "must be a number ≥ 0");
        out = number;
        return true;
    }

    bool flag(const json& object, const char* key, const std::string& path, bool& out) {
        if (!object.contains(key)) return true;
        if (!object[key].is_boolean()) return fail(path + key, "expected true or false");
        out = object[key].get<bool>();
        return true;
    }
};

// The training fields of a fine-tunable model: all required, as before chat prices existed.
bool read_training(Reader& reader, const json& item, const std::string& path, ModelEntry& entry) {
    if (!item.contains("training_usd_per_1m_tokens")) {
        return reader.fail(path + "training_usd_per_1m_tokens",
                           "missing (dollars per million training tokens, or null when not known; or \"fine_tunable\": "
                           "false for a model that is only asked)");
    }
    if (!reader.dollars(item, "training_usd_per_1m_tokens", path, entry.training_per_million)) return false;
    if (!reader.status(item, "price_status", path, entry.price_verified)) return false;
    if (entry.price_verified && !entry.training_per_million) {
        return reader.fail(path + "price_status", "\"verified\" needs a price");
    }
    std::uint64_t limit = 0;
    if (!reader.count(item, "max_tokens_per_example", path, limit)) return false;
    entry.max_tokens_per_example = static_cast<std::size_t>(limit);
    if (!reader.status(item, "limit_status", path, entry.limit_verified)) return false;
    if (!reader.string(item, "price_source", path, entry.price_source, false)) return false;
    return reader.string(item, "limit_source", path, entry.limit_source, false);
}

// An input price without its output price cannot cost anything: both or neither.
bool read_pair(Reader& reader, const json& item, const std::string& path, const char* input_key, const char* output_key,
               std::optional<double>& input, std::optional<double>& output) {
    if (item.contains(input_key) && !reader.dollars(item, input_key, path, input)) return false;
    if (item.contains(output_key) && !reader.dollars(item, output_key, path, output)) return false;
    if (input && !output) return reader.fail(path + output_key, std::string("missing (goes with ") + input_key + ")");
    if (output && !input) return reader.fail(path + input_key, std::string("missing (goes with ") + output_key + ")");
    return true;
}

bool read_chat_prices(Reader& reader, const json& item, const std::string& path, ModelEntry& entry) {
    if (!read_pair(reader, item, path, "input_usd_per_1m_tokens", "output_usd_per_1m_tokens", entry.input_per_million,
                   entry.output_per_million)) {
        return false;
    }
    if (!read_pair(reader, item, path, "fine_tuned_input_usd_per_1m_tokens", "fine_tuned_output_usd_per_1m_tokens",
                   entry.tuned_input_per_million, entry.tuned_output_per_million)) {
        return false;
    }
    if (!entry.fine_tunable && entry.tuned_input_per_million) {
        return reader.fail(path + "fine_tuned_input_usd_per_1m_tokens",
                           "a model that is not fine-tunable has no fine-tuned price");
    }
    // Without a status a number is taken as unverified: it was not said to be checked.
    if (item.contains("chat_price_status") &&
        !reader.status(item, "chat_price_status", path, entry.chat_price_verified)) {
        return false;
    }
    if (entry.chat_price_verified && !entry.input_per_million && !entry.tuned_input_per_million) {
        return reader.fail(path + "chat_price_status", "\"verified\" needs a price");
    }
    return reader.string(item, "chat_price_source", path, entry.chat_price_source, false);
}

bool read_model(Reader& reader, const json& item, const std::string& path, const std::string& table_date,
                ModelEntry& entry) {
    if (!item.is_object()) return reader.fail(path.substr(0, path.size() - 1), "expected an object");
    if (!reader.string(item, "provider", path, entry.provider, true)) return false;
    if (!reader.string(item, "model", path, entry.model, true)) return false;
    if (item.contains("aliases")) {
        const json& aliases = item["aliases"];
        if (!aliases.is_array()) return reader.fail(path + "aliases", "expected a list of texts");
        for (std::size_t i = 0; i < aliases.size(); ++i) {
            if (!aliases[i].is_string()) {
                return reader.fail(path + "aliases[" + std::to_string(i) + "]", "expected a text");
            }
            entry.aliases.push_back(aliases[i].get<std::string>());
        }
    }
    if (!reader.flag(item, "fine_tunable", path, entry.fine_tunable)) return false;
    if (entry.fine_tunable) {
        if (!read_training(reader, item, path, entry)) return false;
    } else {
        // A training field here would be a number the app never uses: say so rather than drop it.
        for (const char* key : {"training_usd_per_1m_tokens", "price_status", "price_source", "max_tokens_per_example",
                                "limit_status", "limit_source"}) {
            if (item.contains(key)) {
                return reader.fail(path + key, "only for a fine-tunable model (this one says \"fine_tunable\": false)");
            }
        }
    }
    if (!read_chat_prices(reader, item, path, entry)) return false;
    if (!reader.string(item, "note", path, entry.note, false)) return false;
    entry.as_of = table_date;
    if (!reader.string(item, "as_of", path, entry.as_of, false)) return false;
    if (!is_date(entry.as_of)) return reader.fail(path + "as_of", "expected a date as YYYY-MM-DD");
    return true;
}

bool read_provider(Reader& reader, const json& item, const std::string& path, ProviderEntry& entry) {
    if (!item.is_object()) return reader.fail(path.substr(0, path.size() - 1), "expected an object");
    if (!reader.string(item, "provider", path, entry.provider, true)) return false;
    if (!reader.count(item, "max_file_bytes", path, entry.max_file_bytes)) return false;
    std::uint64_t minimum = 0;
    if (!reader.count(item, "min_training_examples", path, minimum)) return false;
    entry.min_training_examples = static_cast<std::size_t>(minimum);
    return reader.string(item, "source", path, entry.source, false);
}

bool same_name(std::string_view a, std::string_view b) { return csv::equals_ignoring_ascii_case(a, b); }

enum class Entries { FineTunable, All };

const ModelEntry* find_exact(const PriceTable& table, std::string_view provider, std::string_view model, Entries which) {
    for (const ModelEntry& entry : table.models) {
        if (which == Entries::FineTunable && !entry.fine_tunable) continue;
        if (!same_name(entry.provider, provider)) continue;
        if (entry.model == model) return &entry;
        for (const std::string& alias : entry.aliases)
            if (alias == model) return &entry;
    }
    return nullptr;
}

}  // namespace

std::string base_model(std::string_view model) {
    if (model.starts_with("ft:")) {
        model.remove_prefix(3);
        return std::string(model.substr(0, model.find(':')));
    }
    if (const auto azure = model.find(".ft-"); azure != std::string_view::npos) return std::string(model.substr(0, azure));
    return std::string(model);
}

const ModelEntry* PriceTable::find(std::string_view provider, std::string_view model) const {
    if (const ModelEntry* entry = find_exact(*this, provider, model, Entries::FineTunable)) return entry;
    const std::string base = base_model(model);
    return base == model ? nullptr : find_exact(*this, provider, base, Entries::FineTunable);
}

const ProviderEntry* PriceTable::find_provider(std::string_view provider) const {
    for (const ProviderEntry& entry : providers)
        if (same_name(entry.provider, provider)) return &entry;
    return nullptr;
}

FineTuningLimits PriceTable::limits(std::string_view provider, std::string_view model) const {
    FineTuningLimits limits;
    if (const ProviderEntry* entry = find_provider(provider)) {
        limits.min_examples = entry->min_training_examples;
        limits.max_file_bytes = entry->max_file_bytes;
    }
    if (const ModelEntry* entry = find(provider, model)) limits.max_tokens_per_example = entry->max_tokens_per_example;
    return limits;
}

std::optional<ChatPrice> PriceTable::chat_price(std::string_view provider, std::string_view model) const {
    const auto priced = [](const ModelEntry& entry, const std::optional<double>& input,
                           const std::optional<double>& output) -> std::optional<ChatPrice> {
        if (!input || !output) return std::nullopt;
        return ChatPrice{*input, *output, entry.chat_price_verified, entry.chat_price_source, entry.as_of};
    };
    // A name the table knows is the model itself, even when it has no price: it is not also a fine-tune.
    if (const ModelEntry* entry = find_exact(*this, provider, model, Entries::All)) {
        return priced(*entry, entry->input_per_million, entry->output_per_million);
    }
    const std::string base = base_model(model);
    if (base == model) return std::nullopt;
    const ModelEntry* entry = find_exact(*this, provider, base, Entries::All);
    if (!entry) return std::nullopt;
    return priced(*entry, entry->tuned_input_per_million, entry->tuned_output_per_million);
}

std::optional<double> PriceTable::chat_cost(std::string_view provider, std::string_view model,
                                            std::int64_t prompt_tokens, std::int64_t completion_tokens) const {
    if (prompt_tokens < 0 || completion_tokens < 0) return std::nullopt;
    const std::optional<ChatPrice> price = chat_price(provider, model);
    if (!price) return std::nullopt;
    return (static_cast<double>(prompt_tokens) * price->input_per_million +
            static_cast<double>(completion_tokens) * price->output_per_million) /
           1e6;
}

std::variant<PriceTable, PriceTableError> parse_price_table(std::string_view json_text) {
    if (const auto syntax = json_syntax_error(json_text)) {
        std::size_t line = 1, column = 1;
        for (std::size_t i = 0; i < syntax->offset && i < json_text.size(); ++i) {
            if (json_text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        return PriceTableError{"", "The price table is not JSON at line " + std::to_string(line) + ", column " +
                                       std::to_string(column) + ": " + syntax->reason};
    }
    const text::ParsedJson parsed = text::parse_json(json_text);
    if (!parsed.ok()) return PriceTableError{"", "The price table could not be read: " + parsed.problem + "."};
    const json& document = parsed.value;
    Reader reader;
    PriceTable table;
    if (!document.is_object()) return PriceTableError{"", "The price table must be a JSON object."};
    reader.string(document, "as_of", "", table.as_of, true);
    if (!reader.error && !is_date(table.as_of)) reader.fail("as_of", "expected a date as YYYY-MM-DD");
    if (!reader.error) reader.string(document, "currency", "", table.currency, false);
    if (!reader.error && table.currency != "USD") reader.fail("currency", "only USD prices are supported");
    if (!reader.error && document.contains("sources")) {
        const json& sources = document["sources"];
        if (!sources.is_array()) {
            reader.fail("sources", "expected a list of texts");
        } else {
            for (std::size_t i = 0; i < sources.size() && !reader.error; ++i) {
                if (sources[i].is_string()) {
                    table.sources.push_back(sources[i].get<std::string>());
                } else {
                    reader.fail("sources[" + std::to_string(i) + "]", "expected a text");
                }
            }
        }
    }
    if (!reader.error && document.contains("providers")) {
        const json& providers = document["providers"];
        if (!providers.is_array()) {
            reader.fail("providers", "expected a list of objects");
        } else {
            for (std::size_t i = 0; i < providers.size() && !reader.error; ++i) {
                ProviderEntry entry;
                if (read_provider(reader, providers[i], "providers[" + std::to_string(i) + "].", entry)) {
                    table.providers.push_back(std::move(entry));
                }
            }
        }
    }
    if (!reader.error) {
        if (!document.contains("models")) {
            reader.fail("models", "missing (a list of models)");
        } else if (!document["models"].is_array()) {
            reader.fail("models", "expected a list of objects");
        } else {
            const json& models = document["models"];
            for (std::size_t i = 0; i < models.size() && !reader.error; ++i) {
                ModelEntry entry;
                if (read_model(reader, models[i], "models[" + std::to_string(i) + "].", table.as_of, entry)) {
                    table.models.push_back(std::move(entry));
                }
            }
        }
    }
    if (reader.error) return *reader.error;
    return table;
}

PriceTable with_overrides(const PriceTable& bundled, const PriceTable& edited) {
    PriceTable merged = bundled;
    for (const ProviderEntry& entry : edited.providers) {
        bool replaced = false;
        for (ProviderEntry& existing : merged.providers) {
            if (same_name(existing.provider, entry.provider)) {
                existing = entry;
                replaced = true;
            }
        }
        if (!replaced) merged.providers.push_back(entry);
    }
    for (const ModelEntry& entry : edited.models) {
        bool replaced = false;
        for (ModelEntry& existing : merged.models) {
            if (same_name(existing.provider, entry.provider) && existing.model == entry.model) {
                existing = entry;
                replaced = true;
            }
        }
        if (!replaced) merged.models.push_back(entry);
    }
    // The newer of the two dates heads the table; each entry still shows its own.
    if (edited.as_of > merged.as_of) merged.as_of = edited.as_of;
    for (const std::string& source : edited.sources) {
        bool known = false;
        for (const std::string& existing : merged.sources) known = known || existing == source;
        if (!known) merged.sources.push_back(source);
    }
    return merged;
}

}  // namespace tb::prompt
