#pragma once

#include <functional>
#include <string>

#include "core/workflow/state.h"

namespace tb::app {

// Streams the file into a second read of it (workflow::AllRowsRead) while the State holds that read, for
// whoever asked for it (the in-browser classifier, an embeddings candidate): started when the read
// appears, cancelled when it is dropped or replaced, and its end handed back.
class RowsStream {
public:
    using Post = std::function<void(std::function<void(workflow::State&)>)>;
    // The read this stream is for, as the State holds it now (null when none).
    using Current = std::function<workflow::AllRowsRead*(workflow::State&)>;
    // The file has been read (error empty) or could not be (why); a cancelled read is dropped instead.
    using Finished = std::function<void(workflow::State&, const std::string& error)>;
    using Dropped = std::function<void(workflow::State&)>;

    RowsStream(workflow::State& state, Post post, Current current, Finished finished, Dropped dropped);

    // Called every frame: starts or stops the stream as the State's read says.
    void follow();

private:
    workflow::State& state_;
    Post post_;
    Current current_;
    Finished finished_;
    Dropped dropped_;
    int stream_ = 0;  // 0: none
};

}  // namespace tb::app
