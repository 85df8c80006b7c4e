// The CSV reader at arbitrary chunkings: however the browser cuts a file, the rows, fields, offsets,
// counts and problems are those of the file read in one piece, with either scanner, and every field
// handed on is valid UTF-8.
//
// Input: byte 0 says how many chunk sizes follow (low 3 bits), whether to use the portable scanner
// (bit 3) and whether records are limited to 64 bytes (bit 4); then the sizes (1 to 256 bytes each,
// used in turn); the rest is the file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "core/text/utf8.h"
#include "csv_transcript.h"
#include "fuzz_check.h"

using namespace tb::csv;

namespace {

// Every field the sink keeps is valid UTF-8: the reader replaces what is not.
class CheckingSink : public TableSink {
public:
    void on_row(const Row& row) override {
        for (const std::string_view field : row.fields) {
            FUZZ_CHECK(tb::text::valid_utf8_prefix(field) == field.size());
        }
        TableSink::on_row(row);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t control = data[0];
    const std::size_t size_bytes = std::min<std::size_t>(control & 7, size - 1);
    const std::string_view file(reinterpret_cast<const char*>(data) + 1 + size_bytes, size - 1 - size_bytes);
    Options options;
    options.max_problems = 1000;
    if (control & 16) options.max_record_bytes = 64;

    std::vector<std::size_t> cuts;
    for (std::size_t at = 0, k = 0; size_bytes > 0; ++k) {
        at += 1 + data[1 + k % size_bytes];
        if (at >= file.size()) break;
        cuts.push_back(at);
    }
    Options whole_options = options;
    const std::string whole = read_cut(file, whole_options, {});
    Options chunked_options = options;
    chunked_options.scalar_scan = (control & 8) != 0;
    FUZZ_CHECK(read_cut(file, chunked_options, cuts) == whole);
    whole_options.scalar_scan = !whole_options.scalar_scan;
    FUZZ_CHECK(read_cut(file, whole_options, {}) == whole);

    Reader reader(options);
    CheckingSink sink;
    reader.feed(file, sink);
    reader.finish(sink);
    return 0;
}
