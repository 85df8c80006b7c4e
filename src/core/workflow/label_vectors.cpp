#include "core/workflow/label_vectors.h"

#include "core/eval/spend_estimate.h"
#include "core/text/format.h"
#include "core/workflow/state.h"

namespace tb::workflow {

bool labels_with_vectors(const State& state, const std::string& candidate) {
    const eval::Evaluation* evaluation = state.eval.find(candidate);
    return evaluation != nullptr && evaluation->candidate.method == eval::Method::Embeddings;
}

std::string label_vectors_unavailable_because(const State& state, const std::string& candidate) {
    const eval::Evaluation* evaluation = state.eval.find(candidate);
    if (evaluation == nullptr) return "That candidate is no longer in Compare.";
    if (const std::string why = open_file_unavailable_because(state); !why.empty()) return why;
    const std::string name = eval::candidate_name(evaluation->candidate);
    if (evaluation->phase == eval::Phase::Running) {
        return name + " is still running: the file can be labelled once its test rows are answered.";
    }
    if (!eval::finished(*evaluation, state.eval.rows_for(*evaluation, state.data.dataset->split.test))) {
        return "Run " + name + " on the test rows first (Evaluate step): it labels the file with the classifier it "
                               "trains there, so its score says how well it will do.";
    }
    return {};
}

std::string label_vectors_cost_hint(const State& state, const std::string& candidate, std::uint64_t rows) {
    const eval::Evaluation* evaluation = state.eval.find(candidate);
    if (evaluation == nullptr || !state.data.dataset) return {};
    const auto space = state.embed.spaces.find(vector_space(state, evaluation->candidate).key());
    if (space == state.embed.spaces.end() || !space->second.usd_per_token) return {};
    const std::vector<embed::NeededText>& texts = state.embed.needed[0];
    if (texts.empty()) return {};
    std::int64_t tokens = 0;
    for (const embed::NeededText& text : texts) tokens += std::min(text.tokens, api::kMaxEmbeddingInputTokens);
    const double per_text = static_cast<double>(tokens) / static_cast<double>(texts.size());
    const double total = per_text * static_cast<double>(rows);
    return "At most about " + eval::cost_text(total * *space->second.usd_per_token) + " for " +
           text::with_commas(rows) + " texts (about " + text::with_commas(static_cast<std::uint64_t>(total + 0.5)) +
           " tokens, at the split's " + text::with_commas(static_cast<std::uint64_t>(per_text + 0.5)) +
           " a text). This browser holds " + text::with_commas(space->second.store.size()) +
           " vectors of this model: a text among them is not sent again.";
}

}  // namespace tb::workflow
