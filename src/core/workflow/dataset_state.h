#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/data/loader.h"
#include "core/data/split.h"
#include "core/data/summary.h"

namespace tb::workflow {

// A file the person opened; `handle` names it to the platform layer, which can read it again.
struct OpenFile {
    int handle = 0;
    std::string name;
    std::uint64_t bytes = 0;
    bool synthetic = false;  // the built-in demo data
};

// A read under way. Until it finishes, the previous result stays on screen and in use.
struct Reading {
    OpenFile file;
    std::unique_ptr<data::Loader> loader;
    int stream = 0;
    double started_at = 0;  // seconds, for MB/s and the time left
};

// The result of the last complete read, and the split drawn from it. Restored from a saved experiment,
// it has no loader: the split stands, but drawing another needs the file again.
struct Dataset {
    OpenFile file;
    data::DatasetSummary summary;
    std::unique_ptr<data::Loader> loader;
    data::SplitSettings split_settings;
    data::Split split;
    double read_seconds = 0;  // from the first byte asked for to the last one parsed
};

struct State;
// Why the open file cannot be read again now `purpose` ("to label it"): no dataset, or the file is not
// open (after a reload the page keeps only the split's rows); empty when it can.
std::string reread_unavailable_because(const State& state, std::string_view purpose);

struct DatasetState {
    data::LoadSettings load;                // what the next read uses
    data::SplitSettings split_settings;     // what the split is drawn with
    std::optional<Reading> reading;
    std::optional<Dataset> dataset;
    std::string error;                      // why the last read gave nothing usable, and what to do
    std::optional<OpenFile> failed;         // that file, to read again with other settings
    std::string notice;                     // something the person should know about the last read
};

}  // namespace tb::workflow
