#include "core/tokens/encoding.h"

namespace tb::tokens {
namespace {

// True when `model` is `family` itself or `family` followed by a suffix after one of `separators` ("gpt-4"
// matches "gpt-4-turbo" but not "gpt-4o", which is its own family).
bool is_family(std::string_view model, std::string_view family, std::string_view separators = "-") {
    if (!model.starts_with(family)) return false;
    return model.size() == family.size() || separators.find(model[family.size()]) != std::string_view::npos;
}

// o1, o3, o4-mini, ...: the letter o, digits, then the end or a '-'.
bool is_o_series(std::string_view model) {
    if (model.size() < 2 || model[0] != 'o') return false;
    std::size_t i = 1;
    while (i < model.size() && model[i] >= '0' && model[i] <= '9') ++i;
    return i > 1 && (i == model.size() || model[i] == '-');
}

}  // namespace

std::string_view encoding_name(Encoding encoding) {
    switch (encoding) {
        case Encoding::O200kBase: return "o200k_base";
        case Encoding::Cl100kBase: return "cl100k_base";
    }
    return "";
}

std::optional<Encoding> encoding_from_name(std::string_view name) {
    if (name == "o200k_base") return Encoding::O200kBase;
    if (name == "cl100k_base") return Encoding::Cl100kBase;
    return std::nullopt;
}

std::optional<Encoding> encoding_for_model(std::string_view model) {
    // Fine-tuned models are named "ft:BASE:ORG:SUFFIX:ID".
    if (model.starts_with("ft:")) {
        model.remove_prefix(3);
        model = model.substr(0, model.find(':'));
    }
    for (std::string_view family : {"gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5"}) {
        if (is_family(model, family)) return Encoding::O200kBase;
    }
    if (is_family(model, "gpt-5", "-.")) return Encoding::O200kBase;  // gpt-5.1 and later point releases
    if (is_o_series(model)) return Encoding::O200kBase;
    for (std::string_view family : {"gpt-3.5", "gpt-35", "gpt-4", "text-embedding-3-small",
                                    "text-embedding-3-large", "text-embedding-ada-002"}) {
        if (is_family(model, family)) return Encoding::Cl100kBase;
    }
    return std::nullopt;
}

}  // namespace tb::tokens
