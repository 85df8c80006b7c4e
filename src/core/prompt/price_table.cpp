#include "core/prompt/price_table.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/csv/header.h"
#include "core/prompt/json_syntax.h"

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
};

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
    const std::string price_field = path + "training_usd_per_1m_tokens";
    if (!item.contains("training_usd_per_1m_tokens")) {
        return reader.fail(price_field, "missing (dollars per million training tokens, or null when not known)");
    }
    const json& price = item["training_usd_per_1m_tokens"];
    if (price.is_number()) {
        const double value = price.get<double>();
        if (!(value >= 0) || !std::isfinite(value)) return reader.fail(price_field, "must be a number ≥ 0");
        entry.training_per_million = value;
    } else if (!price.is_null()) {
        return reader.fail(price_field, "expected a number of dollars, or null when not known");
    }
    if (!reader.status(item, "price_status", path, entry.price_verified)) return false;
    if (entry.price_verified && !entry.training_per_million) {
        return reader.fail(path + "price_status", "\"verified\" needs a price");
    }
    std::uint64_t limit = 0;
    if (!reader.count(item, "max_tokens_per_example", path, limit)) return false;
    entry.max_tokens_per_example = static_cast<std::size_t>(limit);
    if (!reader.status(item, "limit_status", path, entry.limit_verified)) return false;
    if (!reader.string(item, "price_source", path, entry.price_source, false)) return false;
    if (!reader.string(item, "limit_source", path, entry.limit_source, false)) return false;
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

const ModelEntry* find_exact(const PriceTable& table, std::string_view provider, std::string_view model) {
    for (const ModelEntry& entry : table.models) {
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
    if (const ModelEntry* entry = find_exact(*this, provider, model)) return entry;
    const std::string base = base_model(model);
    return base == model ? nullptr : find_exact(*this, provider, base);
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
    const json document = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
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
