#include "platform/http_client.h"

#include <emscripten.h>
#include <emscripten/fetch.h>

#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tb::platform {

namespace {

// Everything a fetch points into must outlive it: kept here until its callback has run.
struct Pending {
    int id = 0;
    api::HttpRequest request;
    std::vector<const char*> header_pointers;
    std::function<void(api::HttpResponse)> on_done;
    double started_ms = 0;
    bool abandoned = false;
};

std::map<int, std::unique_ptr<Pending>> g_pending;
int g_next_id = 1;

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

void finished(emscripten_fetch_t* fetch) {
    const int id = static_cast<int>(reinterpret_cast<std::intptr_t>(fetch->userData));
    auto found = g_pending.find(id);
    if (found == g_pending.end()) {
        emscripten_fetch_close(fetch);
        return;
    }
    std::unique_ptr<Pending> pending = std::move(found->second);
    g_pending.erase(found);

    api::HttpResponse response;
    response.status = fetch->status;
    if (fetch->data != nullptr && fetch->numBytes > 0) {
        response.body.assign(fetch->data, static_cast<std::size_t>(fetch->numBytes));
    }
    response.headers = response_headers(fetch);
    if (response.status == 0) {
        // No HTTP answer: a timeout when the time ran out, else the network or CORS (a page cannot tell).
        const double elapsed = emscripten_get_now() - pending->started_ms;
        response.failure = elapsed >= pending->request.timeout_seconds * 1000 * 0.95 ? api::HttpResponse::Failure::Timeout
                                                                                      : api::HttpResponse::Failure::Network;
    }
    emscripten_fetch_close(fetch);  // only here, inside its callback
    if (!pending->abandoned) pending->on_done(std::move(response));
}

}  // namespace

int send_request(const api::HttpRequest& request, std::function<void(api::HttpResponse)> on_done) {
    auto pending = std::make_unique<Pending>();
    pending->id = g_next_id++;
    pending->request = request;
    pending->on_done = std::move(on_done);
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
    attr.timeoutMSecs = static_cast<unsigned long>(pending->request.timeout_seconds * 1000);
    attr.userData = reinterpret_cast<void*>(static_cast<std::intptr_t>(pending->id));
    attr.onsuccess = finished;
    attr.onerror = finished;  // non-2xx answers arrive here too, body loaded
    pending->started_ms = emscripten_get_now();
    const int id = pending->id;
    const std::string url = pending->request.url;
    g_pending[id] = std::move(pending);
    emscripten_fetch(&attr, url.c_str());
    return id;
}

void abandon_request(int id) {
    if (auto found = g_pending.find(id); found != g_pending.end()) found->second->abandoned = true;
}

}  // namespace tb::platform
