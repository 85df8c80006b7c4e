#include "platform/file_source.h"

#include <memory>

#include <emscripten.h>

#include <map>
#include <vector>

namespace tb::platform {

namespace {

struct Stream {
    std::function<void(std::string_view)> on_chunk;
    std::function<void(StreamEnd, const std::string&)> on_end;
    std::vector<char> buffer;
};

std::function<void(const FileInfo&)> g_on_file;
std::map<int, std::function<void(const std::string&)>> g_site_errors;
std::map<int, Stream> g_streams;
int g_next_stream = 1;

}  // namespace

// Files live in Module.tbFiles by handle; streams copy Blob.stream() chunks into a staging buffer in
// WASM memory (1 MB) and hand each over as it arrives.
EM_JS(void, tb_js_install_file_source, (), {
    Module.tbFiles = new Map();
    Module.tbStreams = new Map();
    let nextHandle = 1;
    Module.tbAddFile = (file, siteRequest = 0) => {
        const handle = nextHandle++;
        Module.tbFiles.set(handle, file);
        tbWithUTF8(file.name || 'data.csv',
                   (name) => Module['_tb_file_opened'](handle, name, file.size, file.lastModified || 0, siteRequest));
        return handle;
    };
    const input = document.getElementById('file-input');
    input.addEventListener('change', () => {
        if (input.files.length > 0) Module.tbAddFile(input.files[0]);
        input.value = "";  // the same file picked again still fires 'change'
    });
    window.addEventListener('dragover', (event) => { event.preventDefault(); });
    window.addEventListener('drop', (event) => {
        event.preventDefault();
        const files = event.dataTransfer ? event.dataTransfer.files : [];
        if (files.length > 0) Module.tbAddFile(files[0]);
    });
});

EM_JS(void, tb_js_open_file_picker, (), { document.getElementById('file-input').click(); });

EM_JS(void, tb_js_open_site_file, (int request, const char* path, const char* name), {
    const url = UTF8ToString(path);
    const fileName = UTF8ToString(name);
    const fail = (message) => tbWithUTF8(message, (text) => Module['_tb_site_file_failed'](request, text));
    fetch(url).then((response) => {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.blob();
    }).then((blob) => {
        Module.tbAddFile(new File([blob], fileName, {type: 'text/csv'}), request);
    }).catch((error) => fail(url + ' could not be loaded (' + error.message + ').'));
});

EM_JS(void, tb_js_stream_file, (int stream, int handle), {
    const file = Module.tbFiles.get(handle);
    const state = {cancelled: false};
    Module.tbStreams.set(stream, state);
    const finish = (how, message) => {
        Module.tbStreams.delete(stream);
        tbWithUTF8(message || "", (text) => Module['_tb_stream_ended'](stream, how, text));
    };
    if (!file) { finish(2, 'The file is no longer available: open it again.'); return; }
    // Each chunk is copied into WASM memory at most 1 MB at a time.
    const capacity = 1 << 20;
    (async () => {
        const {reader, read} = tbChunkReader(file, capacity);
        state.reader = reader;
        const ptr = Module['_tb_stream_buffer'](stream, capacity);
        try {
            for (;;) {
                const {done, value} = await read();
                if (state.cancelled) { finish(1); return; }
                if (done) break;
                for (let offset = 0; offset < value.length; offset += capacity) {
                    const piece = value.subarray(offset, offset + capacity);
                    HEAPU8.set(piece, ptr);
                    Module['_tb_stream_chunk'](stream, piece.length);
                }
            }
            finish(0);
        } catch (error) {
            finish(2, 'Reading ' + file.name + ' failed: ' + error.message);
        }
    })();
});

// Paced: Module.tbStreams holds the reader; each request reads one chunk (a chunk larger than the WASM
// buffer goes over in pieces, one a request) and hands it over as stream_file does.
EM_JS(void, tb_js_paced_open, (int stream, int handle, int capacity), {
    const file = Module.tbFiles.get(handle);
    const state = {cancelled: false, left: null, reader: null, paced: true};
    Module.tbStreams.set(stream, state);
    state.finish = (how, message) => {
        Module.tbStreams.delete(stream);
        tbWithUTF8(message || "", (text) => Module['_tb_stream_ended'](stream, how, text));
    };
    if (!file) { setTimeout(() => state.finish(2, 'The file is no longer available: open it again.'), 0); return; }
    const {reader, read} = tbChunkReader(file, capacity);
    state.reader = reader;
    state.read = read;
    state.name = file.name;
    const ptr = Module['_tb_stream_buffer'](stream, capacity);
    state.deliver = (bytes) => {
        const piece = bytes.subarray(0, capacity);
        state.left = bytes.length > capacity ? bytes.subarray(capacity) : null;
        HEAPU8.set(piece, ptr);
        Module['_tb_stream_chunk'](stream, piece.length);
    };
});

EM_JS(void, tb_js_paced_next, (int stream), {
    const state = Module.tbStreams.get(stream);
    if (!state || !state.reader) return;
    if (state.left) {
        const left = state.left;
        setTimeout(() => { if (!state.cancelled) state.deliver(left); }, 0);
        return;
    }
    state.read().then(({done, value}) => {
        if (state.cancelled) { state.finish(1); return; }
        if (done) { state.finish(0); return; }
        state.deliver(value);
    }).catch((error) => {
        state.finish(state.cancelled ? 1 : 2, state.cancelled ? "" : 'Reading ' + state.name + ' failed: ' + error.message);
    });
});

EM_JS(void, tb_js_cancel_stream, (int stream), {
    // Cancelling the reader also ends a read that is waiting on a stalled source (a network drive).
    const state = Module.tbStreams.get(stream);
    if (!state) return;
    state.cancelled = true;
    if (state.reader) state.reader.cancel().catch(() => {});
    if (state.paced) state.finish(1);  // no read may be waiting to see the flag
});

EM_JS(void, tb_js_release_file, (int handle), { Module.tbFiles.delete(handle); });

EM_JS(int, tb_js_can_fetch_site_files, (), { return location.protocol === 'file:' ? 0 : 1; });

bool can_fetch_site_files() { return tb_js_can_fetch_site_files() != 0; }

void on_file_opened(std::function<void(const FileInfo&)> on_file) {
    g_on_file = std::move(on_file);
    tb_js_install_file_source();
}

void open_file_picker() { tb_js_open_file_picker(); }

int open_site_file(const std::string& path, const std::string& name, std::function<void(const std::string&)> on_error) {
    static int next_request = 1;
    const int request = next_request++;
    g_site_errors[request] = std::move(on_error);
    tb_js_open_site_file(request, path.c_str(), name.c_str());
    return request;
}

int site_files_loading() { return static_cast<int>(g_site_errors.size()); }

int stream_file(int handle, std::function<void(std::string_view)> on_chunk,
                std::function<void(StreamEnd, const std::string&)> on_end) {
    const int id = g_next_stream++;
    g_streams[id] = Stream{std::move(on_chunk), std::move(on_end), {}};
    tb_js_stream_file(id, handle);
    return id;
}

void cancel_stream(int stream) { tb_js_cancel_stream(stream); }

int open_paced_stream(int handle, std::function<void(std::string_view)> on_chunk,
                      std::function<void(StreamEnd, const std::string&)> on_end) {
    const int id = g_next_stream++;
    g_streams[id] = Stream{std::move(on_chunk), std::move(on_end), {}};
    tb_js_paced_open(id, handle, 1 << 20);
    return id;
}

void request_chunk(int stream) { tb_js_paced_next(stream); }

void read_whole_file(int handle, std::size_t max_bytes,
                     std::function<void(std::string bytes, const std::string& error)> on_done) {
    auto bytes = std::make_shared<std::string>();
    auto too_big = std::make_shared<bool>(false);
    stream_file(
        handle,
        [bytes, too_big, max_bytes](std::string_view chunk) {
            if (bytes->size() + chunk.size() > max_bytes) *too_big = true;
            if (!*too_big) bytes->append(chunk);
        },
        [bytes, too_big, max_bytes, on_done = std::move(on_done)](StreamEnd end, const std::string& error) {
            if (end == StreamEnd::Failed) {
                on_done({}, error);
            } else if (*too_big) {
                on_done({}, "it is larger than " + std::to_string(max_bytes >> 20) + " MB");
            } else {
                on_done(std::move(*bytes), {});
            }
        });
}

void release_file(int handle) { tb_js_release_file(handle); }

}  // namespace tb::platform

extern "C" {

EMSCRIPTEN_KEEPALIVE void tb_file_opened(int handle, const char* name, double bytes, double last_modified,
                                         int site_request) {
    // The site file arrived: no error can come for it any more.
    if (site_request != 0) tb::platform::g_site_errors.erase(site_request);
    if (tb::platform::g_on_file) {
        tb::platform::g_on_file({handle, name, static_cast<std::uint64_t>(bytes), last_modified, site_request});
    }
}

EMSCRIPTEN_KEEPALIVE void tb_site_file_failed(int request, const char* message) {
    auto found = tb::platform::g_site_errors.find(request);
    if (found == tb::platform::g_site_errors.end()) return;
    auto on_error = std::move(found->second);
    tb::platform::g_site_errors.erase(found);
    on_error(message);
}

// The staging buffer JS copies chunks into; it lives as long as the stream.
EMSCRIPTEN_KEEPALIVE char* tb_stream_buffer(int stream, int capacity) {
    auto& buffer = tb::platform::g_streams[stream].buffer;
    buffer.resize(static_cast<std::size_t>(capacity));
    return buffer.data();
}

EMSCRIPTEN_KEEPALIVE void tb_stream_chunk(int stream, int size) {
    auto found = tb::platform::g_streams.find(stream);
    if (found == tb::platform::g_streams.end()) return;
    found->second.on_chunk(std::string_view(found->second.buffer.data(), static_cast<std::size_t>(size)));
}

EMSCRIPTEN_KEEPALIVE void tb_stream_ended(int stream, int how, const char* error) {
    auto found = tb::platform::g_streams.find(stream);
    if (found == tb::platform::g_streams.end()) return;
    tb::platform::Stream ended = std::move(found->second);
    tb::platform::g_streams.erase(found);
    ended.on_end(static_cast<tb::platform::StreamEnd>(how), error);
}

}
