#include "app/rows_stream.h"

#include <memory>

#include "platform/file_source.h"

namespace tb::app {

RowsStream::RowsStream(workflow::State& state, Post post, Current current, Finished finished, Dropped dropped)
    : state_(state), post_(std::move(post)), current_(std::move(current)), finished_(std::move(finished)),
      dropped_(std::move(dropped)) {}

void RowsStream::follow() {
    workflow::AllRowsRead* read = current_(state_);
    if (stream_ != 0 && (read == nullptr || read->stream != stream_)) {
        platform::cancel_stream(stream_);  // cancelled, or replaced by a read for another split
        stream_ = 0;
    }
    if (read == nullptr || read->stream != 0) return;
    // The stream's id is known only once it starts; its callbacks check it against the read in hand.
    auto id = std::make_shared<int>(0);
    const auto reading = [this, id](workflow::State& state) {
        const workflow::AllRowsRead* now = current_(state);
        return now != nullptr && now->stream == *id;
    };
    *id = platform::stream_file(
        read->handle,
        [this, reading](std::string_view chunk) {
            if (reading(state_)) current_(state_)->loader->feed(chunk);  // keeps only the rows it takes
        },
        [this, reading](platform::StreamEnd end, const std::string& error) {
            post_([this, reading, end, error](workflow::State& state) {
                if (!reading(state)) return;
                stream_ = 0;
                if (end == platform::StreamEnd::Cancelled) {
                    dropped_(state);
                    return;
                }
                finished_(state, end == platform::StreamEnd::Failed && error.empty() ? "the browser could not read it"
                                                                                     : error);
            });
        });
    read->stream = *id;
    stream_ = *id;
}

}  // namespace tb::app
