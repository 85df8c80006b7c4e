#include "platform/file_output.h"

#include <map>

#include <emscripten.h>

namespace tb::platform {

namespace {
struct Output {
    std::function<void(const OutputOpened&)> on_opened;
    std::function<void(const std::string&)> on_failed;
    std::function<void(const std::string&, int)> on_closed;
};
std::map<int, Output> g_outputs;
int g_next_output = 1;
}  // namespace

// Module.tbOutputs: by id, {writable} for a picked file (writes chained, so they land in order), or
// {pieces} for a part being gathered as Blobs outside WASM memory.
EM_JS(void, tb_js_open_output, (int id, const char* name_ptr, double part_bytes), {
    Module.tbOutputs = Module.tbOutputs || new Map();
    Module.tbOutputPart = Module.tbOutputPart || ((id, last) => {
    const out = Module.tbOutputs.get(id);
    if (!out || out.size === 0 && (!last || out.part > 0)) return;
    out.part += 1;
    const name = last && out.part === 1 ? out.stem + '.csv' : out.stem + '-part-' + out.part + '.csv';
    const url = URL.createObjectURL(new Blob(out.pieces, {type: 'text/csv'}));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    out.pieces = [];
    out.size = 0;
});
    const name = UTF8ToString(name_ptr);
    const stem = name.toLowerCase().endsWith('.csv') ? name.slice(0, -4) : name;
    const opened = (parts, fileName, cancelled, error) =>
        tbWithUTF8(fileName, (n) => tbWithUTF8(error, (e) => Module['_tb_output_opened'](id, parts, cancelled, n, e)));
    const asParts = () => {
        Module.tbOutputs.set(id, {parts: true, stem, limit: part_bytes, pieces: [], size: 0, part: 0, pending: 0});
        opened(1, stem + '.csv', 0, "");
    };
    if (typeof window.showSaveFilePicker !== 'function') { asParts(); return; }
    window.showSaveFilePicker({suggestedName: name, types: [{description: 'CSV file', accept: {'text/csv': ['.csv']}}]})
        .then((handle) => handle.createWritable().then((writable) => {
            Module.tbOutputs.set(id, {writable, chain: Promise.resolve(), pending: 0, failed: false, free: []});
            opened(0, handle.name || name, 0, "");
        }))
        .catch((error) => {
            if (error && error.name === 'AbortError') { opened(0, "", 1, ""); return; }
            // Refused (no recent click, a sandboxed frame): the parts work everywhere.
            asParts();
        });
});

EM_JS(void, tb_js_write_output, (int id, const char* data, int size), {
    const out = Module.tbOutputs.get(id);
    if (!out) return;
    if (out.parts) {
        if (out.size > 0 && out.size + size > out.limit) Module.tbOutputPart(id, false);
        out.pieces.push(HEAPU8.slice(data, data + size));
        out.size += size;
        return;
    }
    // The bytes go out of WASM memory into a buffer used again once its write is done: a fresh
    // ArrayBuffer a write (a megabyte, zeroed by the browser) cost a fifth of labelling a file.
    let buffer = out.free.pop();
    if (!buffer || buffer.byteLength < size) buffer = new ArrayBuffer(size);
    const bytes = new Uint8Array(buffer, 0, size);
    bytes.set(HEAPU8.subarray(data, data + size));
    out.pending += size;
    out.chain = out.chain.then(() => out.failed ? null : out.writable.write(bytes))
        .then(() => { out.pending -= size; out.free.push(buffer); })
        .catch((error) => {
            if (out.failed) return;
            out.failed = true;
            tbWithUTF8('Writing the file failed: ' + error.message, (e) => Module['_tb_output_failed'](id, e));
        });
});

EM_JS(double, tb_js_output_pending, (int id), {
    const out = Module.tbOutputs && Module.tbOutputs.get(id);
    return out ? out.pending : 0;
});

EM_JS(int, tb_js_output_parts, (int id), {
    const out = Module.tbOutputs && Module.tbOutputs.get(id);
    return out && out.parts ? out.part : 0;
});

EM_JS(void, tb_js_close_output, (int id), {
    const out = Module.tbOutputs.get(id);
    const closed = (error) => {
        Module.tbOutputs.delete(id);
        tbWithUTF8(error, (e) => Module['_tb_output_closed'](id, e, out && out.parts ? out.part : 0));
    };
    if (!out) { closed(""); return; }
    if (out.parts) { Module.tbOutputPart(id, true); closed(""); return; }
    out.chain.then(() => out.writable.close()).then(() => closed(out.failed ? 'Writing the file failed.' : ""))
        .catch((error) => closed('Closing the file failed: ' + error.message));
});

EM_JS(void, tb_js_abort_output, (int id), {
    const out = Module.tbOutputs && Module.tbOutputs.get(id);
    if (!out) return;
    Module.tbOutputs.delete(id);
    // At once, not after the writes queued: a write stuck on a slow disk would hold the abort back too.
    if (!out.parts) { out.failed = true; Promise.resolve(out.writable.abort()).catch(() => {}); }
});

void open_output(const std::string& suggested_name, std::uint64_t part_bytes,
                 std::function<void(const OutputOpened&)> on_opened, std::function<void(const std::string&)> on_failed) {
    const int id = g_next_output++;
    g_outputs[id] = Output{std::move(on_opened), std::move(on_failed), {}};
    tb_js_open_output(id, suggested_name.c_str(), static_cast<double>(part_bytes));
}

void write_output(int id, std::string_view bytes) {
    if (!bytes.empty()) tb_js_write_output(id, bytes.data(), static_cast<int>(bytes.size()));
}

double output_pending_bytes(int id) { return tb_js_output_pending(id); }

int output_parts(int id) { return tb_js_output_parts(id); }

void close_output(int id, std::function<void(const std::string&, int)> on_closed) {
    auto found = g_outputs.find(id);
    if (found == g_outputs.end()) return;
    found->second.on_closed = std::move(on_closed);
    tb_js_close_output(id);
}

void abort_output(int id) {
    tb_js_abort_output(id);
    g_outputs.erase(id);
}

}  // namespace tb::platform

extern "C" {

EMSCRIPTEN_KEEPALIVE void tb_output_opened(int id, int parts, int cancelled, const char* name, const char* error) {
    auto found = tb::platform::g_outputs.find(id);
    if (found == tb::platform::g_outputs.end()) return;
    tb::platform::OutputOpened opened{cancelled != 0 || *error != '\0' ? 0 : id, parts != 0, cancelled != 0, name, error};
    auto on_opened = found->second.on_opened;
    if (opened.id == 0) tb::platform::g_outputs.erase(found);
    on_opened(opened);
}

EMSCRIPTEN_KEEPALIVE void tb_output_failed(int id, const char* error) {
    auto found = tb::platform::g_outputs.find(id);
    if (found != tb::platform::g_outputs.end() && found->second.on_failed) found->second.on_failed(error);
}

EMSCRIPTEN_KEEPALIVE void tb_output_closed(int id, const char* error, int parts) {
    auto found = tb::platform::g_outputs.find(id);
    if (found == tb::platform::g_outputs.end()) return;
    auto on_closed = std::move(found->second.on_closed);
    tb::platform::g_outputs.erase(found);
    if (on_closed) on_closed(error, parts);
}

}
