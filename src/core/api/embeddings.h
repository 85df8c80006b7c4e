#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/api/openai_dialect.h"

namespace tb::api {

// One call to /v1/embeddings (OpenAI's CreateEmbeddingRequest, which Azure, Nebius, Together and the local
// servers share): many texts at once. `dimensions` (0: the model's own) only for models that take it
// (OpenAI's text-embedding-3); base64 answers are a third the size of float lists, and servers that
// ignore `encoding_format` send floats, which are read too.
struct EmbeddingCall {
    std::string model;
    std::vector<std::string> inputs;
    int dimensions = 0;
    bool base64 = true;
};

struct EmbeddingAnswer {
    std::vector<std::vector<float>> vectors;  // one per input, in the inputs' order
    std::int64_t prompt_tokens = 0;           // usage, when the server gives it (0 when not)
};

namespace openai {
HttpRequest embeddings(const Endpoint& endpoint, const EmbeddingCall& call);
// `inputs`: how many were sent. Every one must come back exactly once (by its index), all of the same
// length, every value finite; otherwise an error saying which item and what is wrong.
Result<EmbeddingAnswer> parse_embeddings(const HttpResponse& response, std::size_t inputs);
}  // namespace openai

// What one embeddings request may hold: OpenAI's limits (2,048 inputs, 8,192 tokens each, 300,000 tokens a
// request), and an answer small enough for its size limit even as a list of floats in text (about 12 bytes
// a value) when `dimensions` is not known.
struct EmbeddingBatchLimits {
    std::size_t max_inputs = 2048;
    std::int64_t max_tokens = 300'000;
    std::uint64_t max_answer_bytes = 24'000'000;
    int assumed_dimensions = 3072;  // the largest common model's (text-embedding-3-large)
};
constexpr std::int64_t kMaxEmbeddingInputTokens = 8192;

// Consecutive batches [begin, end) of inputs with these token counts (each at most
// kMaxEmbeddingInputTokens: longer texts are cut first), within the limits; `dimensions` 0 when unknown.
std::vector<std::pair<std::size_t, std::size_t>> plan_embedding_batches(std::span<const std::int64_t> tokens,
                                                                        const EmbeddingBatchLimits& limits,
                                                                        int dimensions);

}  // namespace tb::api
