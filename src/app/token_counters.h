#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/tokens/bpe.h"

namespace tb::app {

// The exact tokenizers, each fetched from the site the first time it is needed (they are a few MB, so
// the first frame never waits for them) and kept for the page's life.
class TokenCounters {
public:
    using Ready = std::function<void(const tokens::Bpe* bpe, const std::string& error)>;

    // The tokenizer when it is loaded; otherwise starts loading it and returns null.
    const tokens::Bpe* get(tokens::Encoding encoding);
    // Calls `ready` once the tokenizer is loaded (now, if it is) or could not be.
    void when_ready(tokens::Encoding encoding, Ready ready);
    const std::string& error(tokens::Encoding encoding) { return slots_[encoding].error; }
    bool loaded(tokens::Encoding encoding) const {
        const auto found = slots_.find(encoding);
        return found != slots_.end() && found->second.bpe.has_value();
    }

private:
    struct Slot {
        bool loading = false;
        std::optional<tokens::Bpe> bpe;
        std::string error;
        std::vector<Ready> waiting;
    };
    void load(tokens::Encoding encoding);

    std::map<tokens::Encoding, Slot> slots_;
};

}  // namespace tb::app
