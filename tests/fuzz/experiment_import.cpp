// Importing an experiment (a file, or what the browser kept): any input is read without a throw or a
// deep recursion, and what was imported exports to a document that imports back to the same export
// (import → export → import → export identical). The report, the state the page shows and the price
// edits it carries are worked out from it too, as the page would.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/prompt/price_table.h"
#include "core/text/json_text.h"
#include "core/text/utf8.h"
#include "core/workflow/experiment.h"
#include "fuzz_check.h"

using namespace tb;

namespace {

std::string exported(const workflow::State& state) {
    const std::string text = text::dump_json(workflow::experiment_to_json(state), 1);
    FUZZ_CHECK(text::valid_utf8_prefix(text) == text.size());
    return text;
}

// What the page does with an experiment once it is open.
void show(workflow::State& state) {
    const auto& dataset = state.data.dataset;
    workflow::rebuild_reports(state.eval, dataset ? &dataset->split : nullptr, dataset ? dataset->summary.seed : 0,
                              prompt::PriceTable{});
    (void)prompt::parse_price_table(state.finetune.price_edits);
    // state(): plain dump, so text that is not UTF-8 anywhere in it is a finding.
    (void)workflow::to_json(state).dump();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const text::ParsedJson parsed = text::parse_json(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!parsed.ok()) return 0;

    // The evaluations the browser keeps under a key of their own.
    workflow::EvalState eval;
    workflow::restore_eval(eval, parsed.value);
    const std::string eval_saved = text::dump_json(workflow::to_json(eval));
    workflow::EvalState eval_again;
    workflow::restore_eval(eval_again, text::parse_json(eval_saved).value);
    FUZZ_CHECK(text::dump_json(workflow::to_json(eval_again)) == eval_saved);

    workflow::State state;
    if (!workflow::restore_experiment(state, parsed.value).empty()) return 0;
    const std::string first = exported(state);
    show(state);

    const text::ParsedJson reread = text::parse_json(first);
    FUZZ_CHECK(reread.ok());
    workflow::State again;
    FUZZ_CHECK(workflow::restore_experiment(again, reread.value).empty());
    FUZZ_CHECK(exported(again) == first);
    return 0;
}
