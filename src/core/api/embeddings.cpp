#include "core/api/embeddings.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <nlohmann/json.hpp>

#include "core/text/base64.h"
#include "core/text/json_fields.h"
#include "core/text/json_text.h"

namespace tb::api {

using nlohmann::json;

namespace openai {

HttpRequest embeddings(const Endpoint& endpoint, const EmbeddingCall& call) {
    json body = {{"model", call.model}, {"input", call.inputs}, {"encoding_format", call.base64 ? "base64" : "float"}};
    if (call.dimensions > 0) body["dimensions"] = call.dimensions;
    HttpRequest out = authorized(endpoint, "POST", "embeddings", text::dump_json(body));
    out.kind = RequestKind::Embeddings;
    return out;
}

namespace {

// A vector as the answer gives it: a list of numbers, or base64 of little-endian 32-bit floats.
bool read_vector(const json& embedding, std::vector<float>& out) {
    out.clear();
    if (embedding.is_array()) {
        out.reserve(embedding.size());
        for (const json& value : embedding) {
            if (!value.is_number()) return false;
            out.push_back(value.get<float>());
        }
    } else if (embedding.is_string()) {
        const auto bytes = text::decode_base64(embedding.get_ref<const std::string&>());
        if (!bytes || bytes->size() % 4 != 0) return false;
        out.resize(bytes->size() / 4);
        for (std::size_t i = 0; i < out.size(); ++i) {
            std::uint32_t bits = 0;
            for (int b = 3; b >= 0; --b) bits = (bits << 8) | static_cast<unsigned char>((*bytes)[i * 4 + static_cast<std::size_t>(b)]);
            std::memcpy(&out[i], &bits, sizeof bits);
        }
    } else {
        return false;
    }
    return !out.empty() && std::all_of(out.begin(), out.end(), [](float v) { return std::isfinite(v); });
}

}  // namespace

Result<EmbeddingAnswer> parse_embeddings(const HttpResponse& response, std::size_t inputs) {
    return parse_json_object<EmbeddingAnswer>(response, [&](const json& body) -> Result<EmbeddingAnswer> {
        ApiError malformed;
        malformed.status = response.status;
        const auto fail = [&](const std::string& what) {
            malformed.message = "The embeddings answer is not what its API promises: " + what + ".";
            return malformed;
        };
        if (!body.contains("data") || !body["data"].is_array()) return fail("it has no data list");
        const json& data = body["data"];
        if (data.size() != inputs) {
            return fail(std::to_string(data.size()) + " vectors for " + std::to_string(inputs) + " texts");
        }
        EmbeddingAnswer answer;
        answer.vectors.resize(inputs);
        std::vector<float> vector;
        for (std::size_t i = 0; i < data.size(); ++i) {
            const std::string where = "data[" + std::to_string(i) + "]";
            const json& item = data[i];
            // Servers that leave the index out answer in order.
            std::size_t index = i;
            if (item.is_object() && item.contains("index")) {
                if (!item["index"].is_number_unsigned()) return fail(where + ".index is not a row number");
                index = item["index"].get<std::size_t>();
            }
            if (index >= inputs) return fail(where + ".index " + std::to_string(index) + " is past the texts sent");
            if (!answer.vectors[index].empty()) return fail(where + ".index " + std::to_string(index) + " comes twice");
            if (!item.is_object() || !item.contains("embedding") || !read_vector(item["embedding"], vector)) {
                return fail(where + ".embedding is not a list of finite numbers nor base64 floats");
            }
            if (vector.size() != answer.vectors.front().size() && !answer.vectors.front().empty()) {
                return fail(where + " has " + std::to_string(vector.size()) + " values, another has " +
                            std::to_string(answer.vectors.front().size()));
            }
            answer.vectors[index] = vector;
        }
        for (const auto& v : answer.vectors) {
            if (v.size() != answer.vectors.front().size()) return fail("the vectors differ in length");
        }
        if (body.contains("usage") && body["usage"].is_object()) {
            text::read_field(body["usage"], "prompt_tokens", answer.prompt_tokens);
        }
        return answer;
    });
}

}  // namespace openai

std::vector<std::pair<std::size_t, std::size_t>> plan_embedding_batches(std::span<const std::int64_t> tokens,
                                                                        const EmbeddingBatchLimits& limits,
                                                                        int dimensions) {
    constexpr std::uint64_t kBytesPerValue = 12;  // "-0.01234567," as text
    const auto width = static_cast<std::uint64_t>(dimensions > 0 ? dimensions : limits.assumed_dimensions);
    const std::size_t by_answer = static_cast<std::size_t>(std::max<std::uint64_t>(1, limits.max_answer_bytes / (width * kBytesPerValue)));
    const std::size_t max_inputs = std::max<std::size_t>(1, std::min(limits.max_inputs, by_answer));
    std::vector<std::pair<std::size_t, std::size_t>> batches;
    std::size_t begin = 0;
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const bool full = i - begin >= max_inputs || (i > begin && sum + tokens[i] > limits.max_tokens);
        if (full) {
            batches.emplace_back(begin, i);
            begin = i;
            sum = 0;
        }
        sum += tokens[i];
    }
    if (begin < tokens.size()) batches.emplace_back(begin, tokens.size());
    return batches;
}

}  // namespace tb::api
