#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/eval/file_labeller.h"
#include "core/workflow/state.h"

namespace tb::app {

// "Label the file": reads the open file again (platform::open_paced_stream, one chunk at a time), runs
// eval::FileLabeller over it a slice each frame, and writes its output as it grows (platform::open_output:
// a picked file, or downloads in parts). What it shows is in State::label_file.
class LabelFileController {
public:
    using Post = std::function<void(std::function<void(workflow::State&)>)>;

    // One pass over the open file with `labeller`.
    struct Pass {
        std::unique_ptr<eval::RowLabeller> labeller;
        std::string model;    // as the section names it
        bool write = true;    // false: the output is dropped (the batches' first pass, which only reads)
        std::string written;  // what the message says was written: "labelled", "answered by its batches"
        // Labelling waits while this says so (the batches' questions wait for an upload); may be empty.
        std::function<bool()> hold;
        // Once the file is read (or the run failed, or was cancelled: `finished` false), before the labeller
        // is dropped.
        std::function<void(eval::RowLabeller& labeller, bool finished)> on_end;
    };

    LabelFileController(workflow::State& state, Post post);
    ~LabelFileController();

    // With the in-browser classifier: asks where to write (the picker must follow the click), then starts.
    // Said in the status if it cannot.
    void start();
    // With any labeller (the checks are the caller's). A pass that writes asks where first.
    void run(Pass pass);
    void cancel();
    // Ends the run as failed, with why (said in the section and the status).
    void fail(const std::string& why);
    // Labels for up to `slice_seconds` of this frame and hands the output on. Called every frame.
    void pump(double now, double slice_seconds);
    bool busy() const { return run_ != nullptr; }

private:
    struct Run;
    void begin_reading(int output, bool parts, const std::string& name);
    void end_pass(bool finished);
    void finish_input();
    void flush();
    void end_run();

    workflow::State& state_;
    Post post_;
    std::unique_ptr<Run> run_;
    int serial_ = 0;  // of the run its callbacks belong to: a cancelled run's late callbacks are dropped
};

}  // namespace tb::app
