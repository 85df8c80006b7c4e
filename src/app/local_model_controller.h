#pragma once

#include <functional>
#include <string>

#include "app/rows_stream.h"
#include "core/workflow/state.h"
#include "platform/file_source.h"

namespace tb::app {

// Runs the in-browser classifier's training a slice per frame (and, for Repeat over splits, its
// training on the other splits), and keeps its weights: saved in the
// browser once trained or loaded, restored after a reload (so it is not trained again), downloaded and
// loaded back as a .tbmodel file.
class LocalModelController {
public:
    using Post = std::function<void(std::function<void(workflow::State&)>)>;

    LocalModelController(workflow::State& state, Post post);

    // Trains for `slice_seconds` of this frame, finishes a run that is done, and restores the weights
    // when the State asks for it. Called every frame; cheap when nothing trains.
    void pump(double now, double slice_seconds);
    // Saves new weights. Called after the experiment and the answers are saved in the same frame: the
    // browser's storage commits in order, so weights once kept mean their answers are kept too.
    void save_if_changed();
    bool busy() const {
        return state_.local.run != nullptr || state_.local.split_run != nullptr || state_.local.all_rows_read != nullptr;
    }

    void download(const std::string& file_stem);
    void load_file(const platform::FileInfo& file);

private:
    void save_weights();
    void restore_weights();

    workflow::State& state_;
    Post post_;
    const void* timed_run_ = nullptr;  // the run whose time is being kept
    double run_started_ = 0;
    bool restoring_ = false;
    RowsStream all_rows_stream_;  // the file read again for training on every labelled row
};

// A file the person gave the page is a model when its name says so.
bool is_model_file_name(const std::string& name);

}  // namespace tb::app
