#include "app/training_files.h"

#include <variant>

#include "core/prompt/jsonl.h"
#include "core/tokens/encoding.h"

namespace tb::app {

extern const char* const kBundledPricesJson;  // generated from assets/fine_tuning_prices.json

namespace {
using workflow::TrainingFiles;
}

const char* bundled_prices_json() { return kBundledPricesJson; }

namespace {

// Parsed once, on first use: the table is compiled in and never changes, so this is a constant, not state.
const prompt::PriceTable& bundled_prices() {
    static const prompt::PriceTable table = [] {
        auto parsed = prompt::parse_price_table(kBundledPricesJson);
        // A broken bundled table leaves costs unknown, not the app down.
        if (auto* table = std::get_if<prompt::PriceTable>(&parsed)) return std::move(*table);
        return prompt::PriceTable{};
    }();
    return table;
}

}  // namespace

prompt::PriceTable prices_for(const std::string& edits, std::string& error) {
    if (edits.empty()) return bundled_prices();
    auto parsed = prompt::parse_price_table(edits);
    if (const auto* problem = std::get_if<prompt::PriceTableError>(&parsed)) {
        error = "Your price edits are not used: " + (problem->field.empty() ? std::string() : problem->field + ": ") +
                problem->message;
        return bundled_prices();
    }
    return prompt::with_overrides(bundled_prices(), std::get<prompt::PriceTable>(parsed));
}

void rebuild_training_files(workflow::State& state, TokenCounters& counters,
                            const std::function<void(std::function<void(workflow::State&)>)>& post) {
    TrainingFiles& files = state.finetune.files;
    if (!files.stale) return;
    files = TrainingFiles{};
    files.stale = false;
    const prompt::PriceTable prices = prices_for(state.finetune.price_edits, files.prices_error);
    files.prices_as_of = prices.as_of;
    const auto& dataset = state.data.dataset;
    if (!dataset || dataset->split.train.empty()) {
        files.template_error = "Open data and draw a split in the Data step first: the files are made from it.";
        return;
    }
    const data::DatasetSummary& summary = dataset->summary;
    const prompt::Columns columns{summary.header, summary.text_column, summary.label_column};
    auto made = prompt::make_prompt(state.finetune.prompt, columns, dataset->split.classes);
    if (const auto* error = std::get_if<prompt::TemplateError>(&made)) {
        files.template_error = error->message;
        return;
    }
    const prompt::Prompt& prompt = std::get<prompt::Prompt>(made);
    files.system_prompt = prompt.system();
    files.preview = prompt.user_message(dataset->split.train.front().fields);
    // Azure's fine-tuning guide asks for files that start with a byte-order mark; OpenAI takes either.
    prompt::JsonlOptions options;
    options.byte_order_mark = state.finetune.settings.profile == "azure";
    prompt::FineTuningFiles built = prompt::build_fine_tuning_files(prompt, dataset->split, options);
    files.training = std::move(built.training);
    files.validation = std::move(built.validation);

    const workflow::JobSettings& settings = state.finetune.settings;
    // Models without an OpenAI encoding (other providers' open models) are estimated with o200k_base.
    const tokens::Encoding encoding = tokens::encoding_for_model(settings.model).value_or(tokens::Encoding::O200kBase);
    files.encoding = std::string(tokens::encoding_name(encoding));
    const tokens::Bpe* bpe = counters.get(encoding);
    if (bpe == nullptr) {
        if (!counters.error(encoding).empty()) {
            files.tokens = TrainingFiles::Tokens::Failed;
            files.tokens_error = counters.error(encoding);
            return;
        }
        counters.when_ready(encoding, [post](const tokens::Bpe*, const std::string&) {
            post([](workflow::State& later) { later.finetune.files.stale = true; });
        });
        return;
    }
    const auto count = [bpe](std::string_view text) { return bpe->count(text); };
    prompt::FineTuningLimits limits = prices.limits(settings.profile, settings.model);
    files.training_check = prompt::check_jsonl(files.training, limits, count);
    limits.min_examples = 0;  // the validation file is optional and may be small
    files.validation_check = prompt::check_jsonl(files.validation, limits, count);
    files.cost = prompt::estimate_cost(files.training_check, settings.hyperparameters,
                                       prices.find(settings.profile, settings.model));
    files.tokens = TrainingFiles::Tokens::Counted;
}

}  // namespace tb::app
