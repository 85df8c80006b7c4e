#include "platform/storage.h"

#include <emscripten.h>

#include <map>

namespace tb::platform {

namespace {
int g_next_request = 1;
std::map<int, std::function<void(bool, const std::string&)>> g_loads;
std::map<int, std::function<void(const std::string&)>> g_stores;
}  // namespace

// One object store of strings; the database is opened once and shared.
EM_JS(void, tb_js_storage, (int request, int write, const char* key_ptr, const char* value_ptr), {
    const key = UTF8ToString(key_ptr);
    const value = write ? UTF8ToString(value_ptr) : null;
    const reply = (found, text) => tbWithUTF8(text, (ptr) => Module['_tb_storage_done'](request, found ? 1 : 0, ptr));
    if (!Module.tbDatabase) {
        Module.tbDatabase = new Promise((resolve, reject) => {
            const open = indexedDB.open('tuneboard', 1);
            open.onupgradeneeded = () => open.result.createObjectStore('texts');
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
        });
    }
    Module.tbDatabase.then((db) => new Promise((resolve, reject) => {
        const transaction = db.transaction('texts', write ? 'readwrite' : 'readonly');
        const store = transaction.objectStore('texts');
        const action = write ? store.put(value, key) : store.get(key);
        transaction.oncomplete = () => resolve(action.result);
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error);
    })).then((result) => {
        if (write) reply(true, "");
        else reply(typeof result === 'string', typeof result === 'string' ? result : "");
    }, (error) => reply(false, 'The browser refused to keep the experiment (' + (error && error.message || error) + ').'));
});

void store_text(const std::string& key, const std::string& value, std::function<void(const std::string&)> on_error) {
    const int request = g_next_request++;
    g_stores[request] = std::move(on_error);
    tb_js_storage(request, 1, key.c_str(), value.c_str());
}

void load_text(const std::string& key, std::function<void(bool, const std::string&)> on_done) {
    const int request = g_next_request++;
    g_loads[request] = std::move(on_done);
    tb_js_storage(request, 0, key.c_str(), nullptr);
}

}  // namespace tb::platform

extern "C" EMSCRIPTEN_KEEPALIVE void tb_storage_done(int request, int found, const char* text) {
    using namespace tb::platform;
    if (auto load = g_loads.find(request); load != g_loads.end()) {
        auto done = std::move(load->second);
        g_loads.erase(load);
        // A failed load reads as "nothing saved"; the message says why.
        done(found != 0, text);
    } else if (auto store = g_stores.find(request); store != g_stores.end()) {
        auto on_error = std::move(store->second);
        g_stores.erase(store);
        if (found == 0) on_error(text);
    }
}
