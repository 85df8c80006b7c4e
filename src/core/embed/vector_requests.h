#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/api/embeddings.h"
#include "core/embed/vector_store.h"

namespace tb::embed {

// The longest text sent to be embedded, in bytes: OpenAI's 8,192 tokens at 3 bytes a token, which is
// fewer bytes a token than English text takes (about 4), so a cut text stays within the limit. Longer
// texts (a few CFPB narratives) are embedded by their start.
inline constexpr std::size_t kMaxEmbeddedTextBytes = 3 * static_cast<std::size_t>(api::kMaxEmbeddingInputTokens);

// What is sent for a text: its start, cut at a character's end, at most kMaxEmbeddedTextBytes.
std::string_view embedded_text(std::string_view text);
// A token count before the exact one is known: one token per 3 bytes, rounded up (an over-estimate for
// English, so a batch planned on it stays within the provider's limits).
std::int64_t estimated_tokens(std::string_view text);

// A text a run needs a vector for: its key (text_key), its words, and its tokens as counted beforehand.
struct NeededText {
    std::uint64_t key = 0;
    std::string_view text;
    std::int64_t tokens = 0;
};

// What is still to ask: the needed texts with no vector in the store and none asked for (in flight),
// each once, in the order given.
std::vector<NeededText> still_to_ask(std::span<const NeededText> needed, const VectorStore& store,
                                     const std::unordered_set<std::uint64_t>& in_flight);

// Tokens of those texts: what asking for them will cost, before anything is sent. A text's tokens are
// counted at most kMaxEmbeddingInputTokens (longer texts are cut to that).
std::int64_t tokens_to_ask(std::span<const NeededText> to_ask);

// The next requests: up to `max_requests` batches of `to_ask` from its start, each within the provider's
// limits (api::plan_embedding_batches), as [begin, end) ranges of it.
std::vector<std::pair<std::size_t, std::size_t>> next_requests(std::span<const NeededText> to_ask,
                                                               const api::EmbeddingBatchLimits& limits, int dimensions,
                                                               std::size_t max_requests);

}  // namespace tb::embed
