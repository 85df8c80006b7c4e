#include "platform/http_client.h"

#include <emscripten.h>
#include <emscripten/fetch.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/service_worker.h"

namespace tb::platform {

namespace {

// Everything a fetch points into must outlive it: kept here until its callback has run.
struct Pending {
    int id = 0;
    api::HttpRequest request;
    std::vector<const char*> header_pointers;
    std::function<void(api::HttpResponse)> on_done;
    emscripten_fetch_t* fetch = nullptr;
    double started_ms = 0;
    bool replayable = false;  // sent with its replay key, through the service worker
};

std::map<int, std::unique_ptr<Pending>> g_pending;
int g_next_id = 1;

// userData of a fetch this file has let go of: any callback still coming for it does nothing.
constexpr std::intptr_t kReleased = 0;

// Emscripten 3.1.6 has no way to abort a fetch: its XMLHttpRequest is reached directly. Aborting stops
// the download (nothing more arrives, nothing is copied into WASM memory) and fires no callback but a
// last readystatechange, after which closing the fetch is safe.
EM_JS(void, tb_js_abort_fetch, (int fetch_id), {
    const xhr = Fetch.xhrs[fetch_id - 1];
    if (xhr) xhr.abort();
});

api::Headers response_headers(emscripten_fetch_t* fetch) {
    api::Headers headers;
    const std::size_t length = emscripten_fetch_get_response_headers_length(fetch);
    if (length == 0) return headers;
    std::string text(length + 1, '\0');
    emscripten_fetch_get_response_headers(fetch, text.data(), text.size());
    char** pairs = emscripten_fetch_unpack_response_headers(text.c_str());
    // 3.1.6 leaves the space after the colon and the CRLF in each value: trimmed here.
    const auto trimmed = [](std::string_view text) {
        const auto first = text.find_first_not_of(" \t\r\n");
        if (first == std::string_view::npos) return std::string();
        return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
    };
    for (char** pair = pairs; pair != nullptr && pair[0] != nullptr && pair[1] != nullptr; pair += 2) {
        headers.emplace_back(trimmed(pair[0]), trimmed(pair[1]));
    }
    emscripten_fetch_free_unpacked_response_headers(pairs);
    return headers;
}

// The request a callback is about, taken out of the table; null when it was let go of already.
std::unique_ptr<Pending> take(emscripten_fetch_t* fetch) {
    const auto id = reinterpret_cast<std::intptr_t>(fetch->userData);
    if (id == kReleased) return nullptr;
    auto found = g_pending.find(static_cast<int>(id));
    if (found == g_pending.end()) return nullptr;
    std::unique_ptr<Pending> pending = std::move(found->second);
    g_pending.erase(found);
    return pending;
}

// Stops a fetch still under way and frees it; its callbacks, if any still run, find it released.
void stop(emscripten_fetch_t* fetch) {
    fetch->userData = reinterpret_cast<void*>(kReleased);
    tb_js_abort_fetch(static_cast<int>(fetch->id));
    emscripten_fetch_close(fetch);
}

void refuse_as_too_large(emscripten_fetch_t* fetch, std::uint64_t bytes) {
    std::unique_ptr<Pending> pending = take(fetch);
    if (!pending) return;
    api::HttpResponse response;
    response.failure = api::HttpResponse::Failure::TooLarge;
    response.kind = pending->request.kind;
    response.refused_bytes = bytes;
    stop(fetch);
    pending->on_done(std::move(response));
}

std::uint64_t limit_of(emscripten_fetch_t* fetch) {
    const auto id = reinterpret_cast<std::intptr_t>(fetch->userData);
    const auto found = g_pending.find(static_cast<int>(id));
    return found == g_pending.end() ? 0 : api::limits_of(found->second->request.kind).max_response_bytes;
}

// Headers in: an answer whose Content-Length is over the limit is refused before any of its body comes.
void state_changed(emscripten_fetch_t* fetch) {
    if (fetch->readyState != 2) return;
    const std::uint64_t limit = limit_of(fetch);
    if (limit == 0) return;
    for (const auto& [name, value] : response_headers(fetch)) {
        if (!api::same_header_name(name, "content-length")) continue;
        const unsigned long long declared = std::strtoull(value.c_str(), nullptr, 10);
        if (declared > limit) refuse_as_too_large(fetch, declared);
        return;
    }
}

// While the body arrives (the browser holds it; nothing is in WASM memory yet): refused once past the
// limit, for answers that declare no length or declare a false one.
void progressed(emscripten_fetch_t* fetch) {
    const std::uint64_t limit = limit_of(fetch);
    if (limit == 0) return;
    const std::uint64_t loaded = fetch->dataOffset + fetch->numBytes;
    if (loaded > limit || fetch->totalBytes > limit) refuse_as_too_large(fetch, std::max(loaded, fetch->totalBytes));
}

void finished(emscripten_fetch_t* fetch) {
    if (reinterpret_cast<std::intptr_t>(fetch->userData) == kReleased) return;  // closed by stop()
    std::unique_ptr<Pending> pending = take(fetch);
    if (!pending) {
        emscripten_fetch_close(fetch);
        return;
    }
    api::HttpResponse response;
    response.status = fetch->status;
    response.kind = pending->request.kind;
    const std::uint64_t limit = api::limits_of(pending->request.kind).max_response_bytes;
    if (fetch->numBytes > limit) {
        // Decompressed past the limit (the checks above see the bytes as sent): refused all the same.
        response.status = 0;
        response.failure = api::HttpResponse::Failure::TooLarge;
        response.refused_bytes = fetch->numBytes;
        emscripten_fetch_close(fetch);
        pending->on_done(std::move(response));
        return;
    }
    if (fetch->data != nullptr && fetch->numBytes > 0) {
        response.body.assign(fetch->data, static_cast<std::size_t>(fetch->numBytes));
    }
    response.headers = response_headers(fetch);
    if (pending->replayable && response.ok()) response.replay_key = pending->request.replay_key;
    if (response.status == 0) {
        // No HTTP answer: a timeout when the time ran out, else the network or CORS (a page cannot tell).
        const double elapsed = emscripten_get_now() - pending->started_ms;
        const double timeout_ms = api::limits_of(pending->request.kind).timeout_seconds * 1000;
        response.failure = elapsed >= timeout_ms * 0.95 ? api::HttpResponse::Failure::Timeout
                                                        : api::HttpResponse::Failure::Network;
    }
    emscripten_fetch_close(fetch);  // only here, inside its callback
    pending->on_done(std::move(response));
}

}  // namespace

int send_request(const api::HttpRequest& request, std::function<void(api::HttpResponse)> on_done) {
    auto pending = std::make_unique<Pending>();
    pending->id = g_next_id++;
    pending->request = request;
    pending->on_done = std::move(on_done);
    // The service worker reads these three and removes them before the request leaves for the provider
    // (which would refuse unknown headers in its CORS preflight): without a worker they are not added.
    pending->replayable = !request.replay_key.empty() && service_worker_controls_page();
    if (pending->replayable) {
        const api::RequestLimits& limits = api::limits_of(request.kind);
        pending->request.headers.emplace_back("X-Tuneboard-Replay", request.replay_key);
        pending->request.headers.emplace_back("X-Tuneboard-Max-Bytes", std::to_string(limits.max_response_bytes));
        pending->request.headers.emplace_back("X-Tuneboard-Timeout-Ms",
                                              std::to_string(static_cast<long long>(limits.timeout_seconds * 1000)));
    }
    for (const auto& [name, value] : pending->request.headers) {
        pending->header_pointers.push_back(name.c_str());
        pending->header_pointers.push_back(value.c_str());
    }
    pending->header_pointers.push_back(nullptr);

    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, pending->request.method.c_str(), sizeof attr.requestMethod - 1);
    // LOAD_TO_MEMORY | REPLACE: never look in or write to IndexedDB (3.1.6 does otherwise).
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY | EMSCRIPTEN_FETCH_REPLACE;
    attr.requestHeaders = pending->header_pointers.data();
    if (!pending->request.body.empty()) {
        attr.requestData = pending->request.body.data();
        attr.requestDataSize = pending->request.body.size();
    }
    attr.timeoutMSecs = static_cast<unsigned long>(api::limits_of(pending->request.kind).timeout_seconds * 1000);
    attr.userData = reinterpret_cast<void*>(static_cast<std::intptr_t>(pending->id));
    attr.onsuccess = finished;
    attr.onerror = finished;  // non-2xx answers arrive here too, body loaded
    attr.onprogress = progressed;
    attr.onreadystatechange = state_changed;
    pending->started_ms = emscripten_get_now();
    const int id = pending->id;
    const std::string url = pending->request.url;
    Pending& kept = *pending;
    g_pending[id] = std::move(pending);
    kept.fetch = emscripten_fetch(&attr, url.c_str());
    return id;
}

void cancel_request(int id) {
    auto found = g_pending.find(id);
    if (found == g_pending.end()) return;
    emscripten_fetch_t* fetch = found->second->fetch;
    g_pending.erase(found);
    if (fetch != nullptr) stop(fetch);
}

}  // namespace tb::platform
