#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/workflow/state.h"

namespace tb::app {

// "Label the file": reads the open file again (platform::open_paced_stream, one chunk at a time), runs
// eval::FileLabeller over it a slice each frame, and writes its output as it grows (platform::open_output:
// a picked file, or downloads in parts). What it shows is in State::label_file.
class LabelFileController {
public:
    using Post = std::function<void(std::function<void(workflow::State&)>)>;

    LabelFileController(workflow::State& state, Post post);
    ~LabelFileController();

    // Asks where to write (the picker must follow the click), then starts. Said in the status if it cannot.
    void start();
    void cancel();
    // Labels for up to `slice_seconds` of this frame and hands the output on. Called every frame.
    void pump(double now, double slice_seconds);
    bool busy() const { return run_ != nullptr; }

private:
    struct Run;
    void begin_reading(int output, bool parts, const std::string& name);
    void fail(const std::string& why);
    void finish_input();
    void flush();
    void end_run();

    workflow::State& state_;
    Post post_;
    std::unique_ptr<Run> run_;
    int serial_ = 0;  // of the run its callbacks belong to: a cancelled run's late callbacks are dropped
};

}  // namespace tb::app
