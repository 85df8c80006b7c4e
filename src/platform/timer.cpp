#include "platform/timer.h"

#include <emscripten/eventloop.h>
#include <emscripten/html5.h>

namespace tb::platform {

namespace {
void run(void* data) {
    auto* fn = static_cast<std::function<void()>*>(data);
    (*fn)();
    delete fn;
}
}  // namespace

void after(double seconds, std::function<void()> fn) {
    emscripten_set_timeout(run, seconds * 1000.0, new std::function<void()>(std::move(fn)));
}

double epoch_seconds() { return emscripten_date_now() / 1000.0; }

}  // namespace tb::platform
