#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace tb::platform {

// A file the page writes as it goes (the labelled file): through the File System Access API where the
// browser has it (the person picks where, showSaveFilePicker; createWritable), else as downloads of at
// most `part_bytes` each, cut between writes: "<stem>-part-1.csv", "<stem>-part-2.csv", … (one download
// named "<stem>.csv" when it all fits in one).
struct OutputOpened {
    int id = 0;            // 0: not opened (cancelled, or `error`)
    bool parts = false;    // written as downloads
    bool cancelled = false;  // the person closed the picker
    std::string name;      // the file's name
    std::string error;
};
// Must follow a click by a few seconds at most (the picker needs the page's user activation).
void open_output(const std::string& suggested_name, std::uint64_t part_bytes,
                 std::function<void(const OutputOpened&)> on_opened, std::function<void(const std::string&)> on_failed);
// Appends `bytes` (copied now). Writes to a picked file complete later: see output_pending_bytes().
void write_output(int id, std::string_view bytes);
// Bytes handed to write_output() the file has not taken yet: the writer waits while there are many.
double output_pending_bytes(int id);
// Parts downloaded so far.
int output_parts(int id);
// Writes what is left and closes the file; `on_closed` gets an error, or empty, and the parts
// downloaded in all (0 for a picked file).
void close_output(int id, std::function<void(const std::string& error, int parts)> on_closed);
// Drops the file: a picked file is left as it was before (the browser discards what was written).
void abort_output(int id);

}  // namespace tb::platform
