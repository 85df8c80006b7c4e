#include "platform/paced_stream.h"

#include <map>
#include <vector>

#include <emscripten.h>

namespace tb::platform {

namespace {
struct Paced {
    std::function<void(std::string_view)> on_chunk;
    std::function<void(StreamEnd, const std::string&)> on_end;
    std::vector<char> buffer;
};
std::map<int, Paced> g_paced;
int g_next_paced = 1;
constexpr int kCapacity = 1 << 20;
}  // namespace

// Module.tbFiles is file_source.cpp's map of the files the person gave. A chunk larger than the WASM
// buffer is handed over in pieces, one a request.
EM_JS(void, tb_js_paced_open, (int stream, int handle, char* buffer, int capacity), {
    Module.tbPaced = Module.tbPaced || new Map();
    const file = Module.tbFiles.get(handle);
    const state = {cancelled: false, left: null, reader: null};
    Module.tbPaced.set(stream, state);
    state.finish = (how, message) => {
        Module.tbPaced.delete(stream);
        tbWithUTF8(message || "", (text) => Module['_tb_paced_ended'](stream, how, text));
    };
    if (!file) { setTimeout(() => state.finish(2, 'The file is no longer available: open it again.'), 0); return; }
    state.reader = file.stream().getReader();
    state.deliver = (bytes) => {
        const piece = bytes.subarray(0, capacity);
        state.left = bytes.length > capacity ? bytes.subarray(capacity) : null;
        HEAPU8.set(piece, buffer);
        Module['_tb_paced_chunk'](stream, piece.length);
    };
    state.name = file.name;
});

EM_JS(void, tb_js_paced_next, (int stream), {
    const state = Module.tbPaced && Module.tbPaced.get(stream);
    if (!state || !state.reader) return;
    if (state.left) { const left = state.left; setTimeout(() => { if (!state.cancelled) state.deliver(left); }, 0); return; }
    state.reader.read().then(({done, value}) => {
        if (state.cancelled) { state.finish(1); return; }
        if (done) { state.finish(0); return; }
        state.deliver(value);
    }).catch((error) => {
        if (state.cancelled) { state.finish(1); return; }
        state.finish(2, 'Reading ' + state.name + ' failed: ' + error.message);
    });
});

EM_JS(void, tb_js_paced_cancel, (int stream), {
    const state = Module.tbPaced && Module.tbPaced.get(stream);
    if (!state) return;
    state.cancelled = true;
    if (state.reader) state.reader.cancel().catch(() => {});
    state.finish(1);
});

int open_paced_stream(int handle, std::function<void(std::string_view)> on_chunk,
                      std::function<void(StreamEnd, const std::string&)> on_end) {
    const int id = g_next_paced++;
    Paced& paced = g_paced[id];
    paced.on_chunk = std::move(on_chunk);
    paced.on_end = std::move(on_end);
    paced.buffer.resize(kCapacity);
    tb_js_paced_open(id, handle, paced.buffer.data(), kCapacity);
    return id;
}

void request_chunk(int stream) { tb_js_paced_next(stream); }

void cancel_paced_stream(int stream) { tb_js_paced_cancel(stream); }

}  // namespace tb::platform

extern "C" {

EMSCRIPTEN_KEEPALIVE void tb_paced_chunk(int stream, int size) {
    auto found = tb::platform::g_paced.find(stream);
    if (found == tb::platform::g_paced.end()) return;
    found->second.on_chunk(std::string_view(found->second.buffer.data(), static_cast<std::size_t>(size)));
}

EMSCRIPTEN_KEEPALIVE void tb_paced_ended(int stream, int how, const char* error) {
    auto found = tb::platform::g_paced.find(stream);
    if (found == tb::platform::g_paced.end()) return;
    tb::platform::Paced ended = std::move(found->second);
    tb::platform::g_paced.erase(found);
    ended.on_end(static_cast<tb::platform::StreamEnd>(how), error);
}

}
