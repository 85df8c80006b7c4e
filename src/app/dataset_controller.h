#pragma once

#include <functional>
#include <string>

#include "core/workflow/state.h"
#include "platform/file_source.h"

namespace tb::app {

// Opens files, streams them through the data loader and draws the split: the glue between the
// browser's files and core/data. Results reach the State through `post`, at the start of a frame.
class DatasetController {
public:
    using Post = std::function<void(std::function<void(workflow::State&)>)>;

    DatasetController(workflow::State& state, Post post, std::function<double()> now);

    void file_opened(const platform::FileInfo& file);  // picked, dropped or fetched
    void open_picker();
    void load_demo();
    // The demo the page shows a newcomer: not loaded once the person has opened a file of their own.
    void load_demo_at_start();
    bool person_file_opened() const { return person_file_opened_; }
    void cancel();
    void read_again();  // the same file, with state.data.load
    void change_split(const data::SplitSettings& settings);
    // Draws again the split whose results were put aside, so they come back (see workflow::follow_split).
    void switch_to_split(const std::string& id);
    void download_split();

    bool busy() const { return state_.data.reading.has_value() || demo_request_ != 0; }

private:
    void start_read(workflow::OpenFile file);
    // A .json file is an experiment exported from Tuneboard, opened to be looked at.
    void import_experiment(const platform::FileInfo& file);
    // After the split switch_to_split() asked for is drawn: says whether its results came back.
    void check_switch();
    void read_ended(int stream, platform::StreamEnd end, const std::string& error, double ended_at);

    workflow::State& state_;
    Post post_;
    std::function<double()> now_;
    // The demo fetch whose arrival will be read (0: none). A person's file clears it, so a demo that
    // arrives after it, however late, is dropped: the person's file wins.
    int demo_request_ = 0;
    bool person_file_opened_ = false;
    std::string switching_to_;  // the split switch_to_split() asked for, until the read it started ends
};

// Where the demo data lives in the site.
inline constexpr const char* kDemoPath = "demo/cfpb-demo-synthetic.csv";
inline constexpr const char* kDemoName = "cfpb-demo-synthetic.csv";

}  // namespace tb::app
