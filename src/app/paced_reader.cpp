#include "app/paced_reader.h"

#include <algorithm>

#include "platform/file_source.h"

namespace tb::app {

struct PacedReader::Shared {
    int stream = 0;
    std::string pending;     // what came; its first `used` bytes are used
    std::size_t used = 0;
    bool asked = false;      // a chunk was asked for and has not come
    bool ended = false;      // the last chunk came
    bool failed = false;
    bool alive = true;       // false once the reader is gone: late callbacks do nothing
    std::string error;
    std::size_t read_ahead = 0;

    // Asks for the next chunk while less than read_ahead waits: chunks come between frames.
    void ask_if_low() {
        if (asked || ended || failed || pending.size() - used >= read_ahead) return;
        asked = true;
        platform::request_chunk(stream);
    }
};

PacedReader::PacedReader(int handle, std::size_t read_ahead)
    : shared_(std::make_shared<Shared>()) {
    shared_->read_ahead = read_ahead;
    std::shared_ptr<Shared> shared = shared_;
    shared_->stream = platform::open_paced_stream(
        handle,
        [shared](std::string_view chunk) {
            if (!shared->alive) return;
            shared->asked = false;
            shared->pending.append(chunk);
            shared->ask_if_low();
        },
        [shared](platform::StreamEnd end, const std::string& error) {
            if (!shared->alive) return;
            shared->asked = false;
            if (end == platform::StreamEnd::Done) {
                shared->ended = true;
                return;
            }
            shared->failed = true;
            shared->error = end == platform::StreamEnd::Cancelled ? "the read was cancelled."
                            : error.empty()                       ? "the browser could not read it."
                                                                  : error;
        });
    shared_->ask_if_low();
}

PacedReader::~PacedReader() {
    shared_->alive = false;
    if (!shared_->ended && !shared_->failed) platform::cancel_stream(shared_->stream);
}

std::string_view PacedReader::piece(std::size_t max_bytes) const {
    return std::string_view(shared_->pending).substr(shared_->used, max_bytes);
}

void PacedReader::used(std::size_t bytes) {
    Shared& s = *shared_;
    s.used = std::min(s.pending.size(), s.used + bytes);
    // What was used is dropped, so the buffer holds only what is still to come.
    if (s.used == s.pending.size()) {
        s.pending.clear();
        s.used = 0;
    } else if (s.used >= s.read_ahead) {
        s.pending.erase(0, s.used);
        s.used = 0;
    }
    s.ask_if_low();
}

bool PacedReader::done() const { return shared_->ended && shared_->used == shared_->pending.size(); }
bool PacedReader::failed() const { return shared_->failed; }
const std::string& PacedReader::error() const { return shared_->error; }

}  // namespace tb::app
