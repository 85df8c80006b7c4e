#include "platform/vector_cache.h"

#include <emscripten.h>

#include <map>

namespace tb::platform {

namespace {

struct Pending {
    VectorPage on_page;  // reads only
    std::function<void(const std::string&)> on_end;
};
int g_next_request = 1;
std::map<int, Pending> g_pending;

int remember(Pending pending) {
    const int request = g_next_request++;
    g_pending[request] = std::move(pending);
    return request;
}

}  // namespace

// mode 1 writes `count` vectors (keys: pairs of 32-bit words, low first, as wasm lays out a uint64), mode 0
// reads the space's records in pages of 4,096 by key order, each page starting after the last key read.
// Keys are [space, 16 hex digits], so a space's records are one key range and sort by text key.
EM_JS(void, tb_js_vectors, (int request, int mode, const char* space_ptr, const unsigned* keys, int count,
                            const float* values, int dims), {
    const space = UTF8ToString(space_ptr);
    const end = (error) => tbWithUTF8(error ? "The browser could not keep the vectors (" + (error.message || error) + ")." : "",
                                      (text) => Module["_tb_vectors_end"](request, text));
    if (!Module.tbVectorDb) {
        Module.tbVectorDb = new Promise((resolve, reject) => {
            const open = indexedDB.open("tuneboard-vectors", 1);
            open.onupgradeneeded = () => open.result.createObjectStore("vectors");
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
        });
    }
    const hex = (i) => HEAPU32[(keys >> 2) + 2 * i + 1].toString(16).padStart(8, "0") +
                       HEAPU32[(keys >> 2) + 2 * i].toString(16).padStart(8, "0");
    if (mode == 1) {
        const records = Array.from({length: count}, (_, i) => {
            const start = (values >> 2) + i * dims;
            return [[space, hex(i)], HEAPF32.slice(start, start + dims).buffer];
        });
        Module.tbVectorDb.then((db) => new Promise((resolve, reject) => {
            const transaction = db.transaction("vectors", "readwrite");
            const store = transaction.objectStore("vectors");
            records.forEach((record) => store.put(record[1], record[0]));
            transaction.oncomplete = resolve;
            transaction.onerror = () => reject(transaction.error);
            transaction.onabort = () => reject(transaction.error);
        })).then(() => end(null), end);
        return;
    }
    const kPage = 4096;
    const page = (db, after) => {
        const upper = [space, "g"];  // past every hex digit
        const range = after ? IDBKeyRange.bound([space, after], upper, true, true) : IDBKeyRange.bound([space, ""], upper);
        const transaction = db.transaction("vectors", "readonly");
        const store = transaction.objectStore("vectors");
        const found = store.getAllKeys(range, kPage);
        const vectors = store.getAll(range, kPage);
        transaction.onerror = () => end(transaction.error);
        transaction.oncomplete = () => {
            const names = found.result, buffers = vectors.result;
            if (names.length > 0) {
                const length = buffers[0].byteLength / 4;
                const keep = names.map((_, i) => i).filter(
                    (i) => buffers[i] instanceof ArrayBuffer && buffers[i].byteLength == length * 4);
                const keyPtr = _malloc(8 * keep.length + 8);
                const valuePtr = _malloc(4 * length * keep.length + 4);
                keep.forEach((i, n) => {
                    const name = names[i][1];
                    HEAPU32[(keyPtr >> 2) + 2 * n + 1] = parseInt(name.slice(0, 8), 16);
                    HEAPU32[(keyPtr >> 2) + 2 * n] = parseInt(name.slice(8), 16);
                    HEAPF32.set(new Float32Array(buffers[i]), (valuePtr >> 2) + n * length);
                });
                try {
                    Module["_tb_vectors_page"](request, keyPtr, keep.length, valuePtr, length);
                } finally {
                    _free(keyPtr);
                    _free(valuePtr);
                }
            }
            if (names.length < kPage) end(null);
            else page(db, names[names.length - 1][1]);
        };
    };
    Module.tbVectorDb.then((db) => page(db, null), end);
});

void store_vectors(const std::string& space, std::span<const std::uint64_t> keys, std::span<const float> values,
                   int dims, std::function<void(const std::string&)> on_done) {
    const int request = remember({nullptr, std::move(on_done)});
    tb_js_vectors(request, 1, space.c_str(), reinterpret_cast<const unsigned*>(keys.data()),
                  static_cast<int>(keys.size()), values.data(), dims);
}

void load_vectors(const std::string& space, VectorPage on_page, std::function<void(const std::string&)> on_end) {
    const int request = remember({std::move(on_page), std::move(on_end)});
    tb_js_vectors(request, 0, space.c_str(), nullptr, 0, nullptr, 0);
}

}  // namespace tb::platform

extern "C" EMSCRIPTEN_KEEPALIVE void tb_vectors_page(int request, const std::uint64_t* keys, int count,
                                                     const float* values, int dims) {
    using namespace tb::platform;
    const auto pending = g_pending.find(request);
    if (pending == g_pending.end() || !pending->second.on_page || count <= 0 || dims <= 0) return;
    const auto n = static_cast<std::size_t>(count);
    pending->second.on_page(std::span<const std::uint64_t>(keys, n),
                            std::span<const float>(values, n * static_cast<std::size_t>(dims)), dims);
}

extern "C" EMSCRIPTEN_KEEPALIVE void tb_vectors_end(int request, const char* error) {
    using namespace tb::platform;
    const auto pending = g_pending.find(request);
    if (pending == g_pending.end()) return;
    const auto on_end = std::move(pending->second.on_end);
    g_pending.erase(pending);
    on_end(error);
}
