#pragma once

#include <optional>
#include <string_view>

namespace tb::tokens {

// The OpenAI tokenizers Tuneboard counts with. Each has its own ranks asset and pre-tokenising pattern.
enum class Encoding : unsigned char { O200kBase, Cl100kBase };

// "o200k_base" / "cl100k_base": tiktoken's names, also the asset file stems.
std::string_view encoding_name(Encoding encoding);
std::optional<Encoding> encoding_from_name(std::string_view name);

// The encoding an OpenAI model counts with: gpt-4o*, chatgpt-4o*, gpt-4.1*, gpt-4.5*, gpt-5* (and gpt-5.x), o1*, o3*,
// o4* use o200k_base; gpt-3.5*, gpt-35*, gpt-4 and gpt-4-* (turbo, 32k, dated), text-embedding-3-* and
// text-embedding-ada-002 use cl100k_base. A fine-tuned model ("ft:gpt-4o-mini-2024-07-18:org::id") counts
// as its base model. Anything else (other providers' models, older completions models) has none.
std::optional<Encoding> encoding_for_model(std::string_view model);

}  // namespace tb::tokens
