#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace tb::app {

// A file read again one chunk at a time (platform::open_paced_stream) and used in pieces a frame at a
// time: work slower than the reading (a model's vector for every row) takes a piece, uses it, and says
// so; the next chunk is asked for only while little is waiting, so memory holds about `read_ahead`
// bytes whatever the file's size, and no chunk ties up the page for longer than its pieces take.
// Destroying the reader cancels the read.
class PacedReader {
public:
    PacedReader(int handle, std::size_t read_ahead);
    PacedReader(const PacedReader&) = delete;
    PacedReader& operator=(const PacedReader&) = delete;
    ~PacedReader();

    // Up to `max_bytes` of what has come and is not used yet (empty when nothing waits).
    std::string_view piece(std::size_t max_bytes) const;
    // The first `bytes` of the piece are used.
    void used(std::size_t bytes);
    // The whole file came and every byte of it is used.
    bool done() const;
    // The browser could not read it (why, never empty), or the read was cancelled elsewhere.
    bool failed() const;
    const std::string& error() const;

private:
    struct Shared;  // what the stream's callbacks write to: outlives the reader while they may run
    std::shared_ptr<Shared> shared_;
};

}  // namespace tb::app
