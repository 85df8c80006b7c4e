#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace tb::platform {

// A file the person gave the page (picked, dropped, or the demo data fetched from the site). The page
// keeps the browser's File object, so it can be read again (new settings, another seed) without asking.
struct FileInfo {
    int handle = 0;  // 0: none
    std::string name;
    std::uint64_t bytes = 0;
    double last_modified_ms = 0;
    int site_request = 0;  // the open_site_file() request this answers; 0: the person gave it
};

// Calls `on_file` whenever a file is picked through the page's one <input type=file> or dropped on it.
void on_file_opened(std::function<void(const FileInfo&)> on_file);
// Opens the browser's file picker (must follow a click or key press by a few seconds at most).
void open_file_picker();
// Fetches a file of this site (the demo data) and hands it over like a picked one, with `site_request`
// set to the id returned here; `on_error` gets a message if it cannot be had.
int open_site_file(const std::string& path, const std::string& name, std::function<void(const std::string&)> on_error);
// Site files asked for and not yet handed over or failed.
int site_files_loading();

enum class StreamEnd { Done, Cancelled, Failed };

// False when the page was opened straight from disk, where the browser refuses to fetch site files.
bool can_fetch_site_files();

// Streams a file's bytes into WASM memory in chunks of up to a few MB (Blob.stream(), no copy of the
// whole file). `on_chunk` runs for each chunk (the view is valid only during the call); `on_end` once.
// Returns a stream id for cancel_stream().
int stream_file(int handle, std::function<void(std::string_view)> on_chunk,
                std::function<void(StreamEnd, const std::string& error)> on_end);
void cancel_stream(int stream);

// The same, one chunk (up to 1 MB) at a time, each only when asked for: work that takes longer than the
// reading (labelling every row) asks for the next once it has used the last, so memory holds one chunk
// whatever the file's size. `on_end` comes after the last chunk has been asked for. cancel_stream() ends it.
int open_paced_stream(int handle, std::function<void(std::string_view)> on_chunk,
                      std::function<void(StreamEnd, const std::string& error)> on_end);
// Asks for the next chunk (or the end); call again only after `on_chunk` has run.
void request_chunk(int stream);

// Reads a whole file into memory (for files that are one document: an experiment, a model). `on_done`
// gets the bytes, or an empty string and why not: the read failed, or the file is over `max_bytes`.
void read_whole_file(int handle, std::size_t max_bytes,
                     std::function<void(std::string bytes, const std::string& error)> on_done);

// Forgets a file the app no longer needs, so the browser can free it.
void release_file(int handle);

}  // namespace tb::platform
