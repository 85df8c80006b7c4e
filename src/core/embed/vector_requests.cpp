#include "core/embed/vector_requests.h"

#include <algorithm>

#include "core/text/utf8.h"

namespace tb::embed {

std::string_view embedded_text(std::string_view text) { return text::cut_utf8(text, kMaxEmbeddedTextBytes); }

std::int64_t estimated_tokens(std::string_view text) {
    return std::max<std::int64_t>(1, static_cast<std::int64_t>((text.size() + 2) / 3));
}

std::vector<NeededText> still_to_ask(std::span<const NeededText> needed, const VectorStore& store,
                                     const std::unordered_set<std::uint64_t>& in_flight) {
    std::vector<NeededText> out;
    std::unordered_set<std::uint64_t> taken;
    for (const NeededText& text : needed) {
        if (store.contains(text.key) || in_flight.count(text.key) != 0 || !taken.insert(text.key).second) continue;
        out.push_back(text);
    }
    return out;
}

std::int64_t tokens_to_ask(std::span<const NeededText> to_ask) {
    std::int64_t sum = 0;
    for (const NeededText& text : to_ask) sum += std::min(text.tokens, api::kMaxEmbeddingInputTokens);
    return sum;
}

std::vector<std::pair<std::size_t, std::size_t>> next_requests(std::span<const NeededText> to_ask,
                                                               const api::EmbeddingBatchLimits& limits, int dimensions,
                                                               std::size_t max_requests) {
    std::vector<std::int64_t> tokens;
    tokens.reserve(to_ask.size());
    for (const NeededText& text : to_ask) tokens.push_back(std::min(text.tokens, api::kMaxEmbeddingInputTokens));
    std::vector<std::pair<std::size_t, std::size_t>> batches = api::plan_embedding_batches(tokens, limits, dimensions);
    if (batches.size() > max_requests) batches.resize(max_requests);
    return batches;
}

}  // namespace tb::embed
