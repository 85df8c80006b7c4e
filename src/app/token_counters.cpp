#include "app/token_counters.h"

#include "platform/http_client.h"

namespace tb::app {

const tokens::Bpe* TokenCounters::get(tokens::Encoding encoding) {
    Slot& slot = slots_[encoding];
    if (slot.bpe) return &*slot.bpe;
    if (slot.error.empty()) load(encoding);
    return nullptr;
}

void TokenCounters::when_ready(tokens::Encoding encoding, Ready ready) {
    Slot& slot = slots_[encoding];
    if (slot.bpe || !slot.error.empty()) {
        ready(slot.bpe ? &*slot.bpe : nullptr, slot.error);
        return;
    }
    slot.waiting.push_back(std::move(ready));
    load(encoding);
}

void TokenCounters::load(tokens::Encoding encoding) {
    Slot& slot = slots_[encoding];
    if (slot.loading) return;
    slot.loading = true;
    const std::string name(tokens::encoding_name(encoding));
    api::HttpRequest request;
    request.url = "tokens/" + name + ".tiktoken.bin";
    request.kind = api::RequestKind::SiteFile;
    platform::send_request(request, [this, encoding, name](api::HttpResponse response) {
        Slot& loaded = slots_[encoding];
        loaded.loading = false;
        if (!response.ok()) {
            loaded.error = "The " + name + " tokenizer could not be loaded from the site (" +
                           (response.status ? "HTTP " + std::to_string(response.status) : std::string("no answer")) +
                           "). Token counts need the page served over HTTP, as python3 serve.py does.";
        } else if (auto bpe = tokens::Bpe::from_asset(std::string_view(response.body), &loaded.error)) {
            loaded.bpe = std::move(*bpe);
        } else {
            loaded.error = "The " + name + " tokenizer file is damaged (" + loaded.error + "): rebuild the site.";
        }
        auto waiting = std::move(loaded.waiting);
        loaded.waiting.clear();
        for (auto& ready : waiting) ready(loaded.bpe ? &*loaded.bpe : nullptr, loaded.error);
    });
}

}  // namespace tb::app
