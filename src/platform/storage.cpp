#include "platform/storage.h"

#include <emscripten.h>

#include <map>
#include <string_view>

namespace tb::platform {

namespace {
enum Mode { kRead = 0, kWriteText = 1, kWriteBytes = 2 };

// The kinds of value a read hands back.
enum Kind { kNone = 0, kText = 1, kBytes = 2 };

// Every request's reply, found or not, with the value's bytes (or the reason it failed), and the kind
// of value a read expects.
using Reply = std::function<void(bool, std::string_view)>;
struct Pending {
    Kind expected;
    Reply reply;
};
int g_next_request = 1;
std::map<int, Pending> g_pending;

int remember(Reply reply, Kind expected = kNone) {
    const int request = g_next_request++;
    g_pending[request] = Pending{expected, std::move(reply)};
    return request;
}
}  // namespace

// One object store; the database is opened once and shared. A read hands back a string as UTF-8 and a
// byte array as it is, with its kind, so a text is never taken for weights or the other way round.
EM_JS(void, tb_js_storage, (int request, int mode, const char* key_ptr, const char* data, int size), {
    const key = UTF8ToString(key_ptr);
    const value = mode == 1 ? UTF8ToString(data, size) : mode == 2 ? HEAPU8.slice(data, data + size) : null;
    const reply = (found, kind, bytes) => {
        const ptr = _malloc(bytes.length + 1);
        HEAPU8.set(bytes, ptr);
        try {
            Module['_tb_storage_done'](request, found ? 1 : 0, kind, ptr, bytes.length);
        } finally {
            _free(ptr);
        }
    };
    if (!Module.tbDatabase) {
        Module.tbDatabase = new Promise((resolve, reject) => {
            const open = indexedDB.open('tuneboard', 1);
            open.onupgradeneeded = () => open.result.createObjectStore('texts');
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
        });
    }
    Module.tbDatabase.then((db) => new Promise((resolve, reject) => {
        const transaction = db.transaction('texts', mode ? 'readwrite' : 'readonly');
        const store = transaction.objectStore('texts');
        const action = mode ? store.put(value, key) : store.get(key);
        transaction.oncomplete = () => resolve(action.result);
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error);
    })).then((result) => {
        if (mode) reply(true, 0, new Uint8Array(0));
        else if (typeof result === 'string') reply(true, 1, new TextEncoder().encode(result));
        else if (result instanceof Uint8Array) reply(true, 2, result);
        else reply(false, 0, new Uint8Array(0));
    }, (error) => reply(false, 0, new TextEncoder().encode(
        'The browser refused to keep it (' + (error && error.message || error) + ').')));
});

void store_text(const std::string& key, const std::string& value, std::function<void(const std::string&)> on_error,
                std::function<void()> on_stored) {
    const int request = remember([on_error = std::move(on_error), on_stored = std::move(on_stored)](bool stored,
                                                                                                 std::string_view why) {
        if (!stored) {
            on_error(std::string(why));
        } else if (on_stored) {
            on_stored();
        }
    });
    tb_js_storage(request, kWriteText, key.c_str(), value.data(), static_cast<int>(value.size()));
}

void store_bytes(const std::string& key, std::span<const std::uint8_t> value, std::function<void()> on_stored,
                 std::function<void(const std::string&)> on_error) {
    const int request = remember([on_stored = std::move(on_stored), on_error = std::move(on_error)](bool stored,
                                                                                                 std::string_view why) {
        if (stored) {
            on_stored();
        } else {
            on_error(std::string(why));
        }
    });
    tb_js_storage(request, kWriteBytes, key.c_str(), reinterpret_cast<const char*>(value.data()),
                  static_cast<int>(value.size()));
}

void load_text(const std::string& key, std::function<void(bool, const std::string&)> on_done) {
    tb_js_storage(remember([on_done = std::move(on_done)](bool found, std::string_view value) {
                      on_done(found, std::string(value));
                  }, kText),
                  kRead, key.c_str(), nullptr, 0);
}

void load_bytes(const std::string& key, std::function<void(bool, std::span<const std::uint8_t>)> on_done) {
    tb_js_storage(remember([on_done = std::move(on_done)](bool found, std::string_view value) {
                      on_done(found, std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(value.data()),
                                                                   value.size()));
                  }, kBytes),
                  kRead, key.c_str(), nullptr, 0);
}

}  // namespace tb::platform

// kind: 0 nothing (or a failure's reason), 1 a text, 2 bytes. A read asking for the other kind gets
// "not found".
extern "C" EMSCRIPTEN_KEEPALIVE void tb_storage_done(int request, int found, int kind, const char* data, int size) {
    using namespace tb::platform;
    const auto pending = g_pending.find(request);
    if (pending == g_pending.end()) return;
    Pending done = std::move(pending->second);
    g_pending.erase(pending);
    if (found != 0 && done.expected != kNone && kind != done.expected) {
        done.reply(false, {});
        return;
    }
    done.reply(found != 0, std::string_view(data, static_cast<std::size_t>(size)));
}
