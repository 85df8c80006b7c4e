// Native throughput of tb::csv::Reader, doing what the browser yardstick (shared/tools/csvbench) asks of
// every parser: count rows, and rows per Product among rows with a narrative. Not built by default.
//
//   python3 ../shared/tools/csvbench/gen_cfpb_like.py /tmp/cfpb_200.csv 200
//   g++ -std=c++20 -O3 -march=x86-64 -Isrc bench/csv_reader_bench.cpp src/core/csv/*.cpp -o /tmp/csv_bench
//   /tmp/csv_bench /tmp/cfpb_200.csv [--scalar] [--all-columns] [--repeat N] [--chunk-mb N]
//
// The file is read into memory once; each run then copies it into a chunk buffer 8 MB at a time (as
// the browser copies a Blob's chunks into WASM memory) and feeds the reader, so disk speed is left out
// but the copy is counted. The best of the runs is reported.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/csv/reader.h"

namespace {

class ProductCounts : public tb::csv::RowSink {
public:
    explicit ProductCounts(bool all_columns) : all_columns_(all_columns) {}

    tb::csv::ColumnSelection on_header(const tb::csv::Header& header) override {
        product_ = header.find("Product").value_or(0);
        narrative_ = header.find("Consumer complaint narrative").value_or(0);
        if (all_columns_) return {};
        return tb::csv::ColumnSelection::only({product_, narrative_});
    }

    void on_row(const tb::csv::Row& row) override {
        ++rows_;
        if (row.field(narrative_).empty()) return;
        const std::string_view product = row.field(product_);
        auto it = counts_.find(product);
        if (it == counts_.end()) it = counts_.emplace(std::string(product), 0).first;
        ++it->second;
    }

    std::uint64_t rows() const { return rows_; }
    const std::map<std::string, std::uint64_t, std::less<>>& counts() const { return counts_; }

private:
    bool all_columns_;
    std::size_t product_ = 0, narrative_ = 0;
    std::uint64_t rows_ = 0;
    std::map<std::string, std::uint64_t, std::less<>> counts_;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE.csv [--scalar] [--all-columns] [--repeat N] [--chunk-mb N]\n",
                     argv[0]);
        return 2;
    }
    bool scalar = false, all_columns = false;
    int repeat = 5;
    std::size_t chunk_bytes = 8u << 20;
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], "--scalar") == 0) scalar = true;
        if (std::strcmp(argv[i], "--all-columns") == 0) all_columns = true;
        if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) repeat = std::atoi(argv[++i]);
        if (std::strcmp(argv[i], "--chunk-mb") == 0 && i + 1 < argc)
            chunk_bytes = static_cast<std::size_t>(std::atof(argv[++i]) * (1 << 20));
    }
    std::ifstream in(argv[1], std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string file = buffer.str();
    std::vector<char> chunk(chunk_bytes);

    double best = 1e30;
    for (int run = 0; run < repeat; ++run) {
        tb::csv::Options options;
        options.scalar_scan = scalar;
        tb::csv::Reader reader(options);
        ProductCounts sink(all_columns);
        const auto start = std::chrono::steady_clock::now();
        for (std::size_t at = 0; at < file.size(); at += chunk_bytes) {
            const std::size_t size = std::min(chunk_bytes, file.size() - at);
            std::memcpy(chunk.data(), file.data() + at, size);
            reader.feed(std::string_view(chunk.data(), size), sink);
        }
        reader.finish(sink);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        best = std::min(best, seconds);
        if (run == 0) {
            std::printf("status %s, %llu rows, %llu problems, delimiter '%c'\n",
                        std::string(tb::csv::status_key(reader.status())).c_str(),
                        static_cast<unsigned long long>(sink.rows()),
                        static_cast<unsigned long long>(reader.stats().problems.size()),
                        reader.dialect().delimiter);
            for (const auto& [product, count] : sink.counts())
                std::printf("  %8llu  %s\n", static_cast<unsigned long long>(count), product.c_str());
        }
    }
    const double megabytes = static_cast<double>(file.size()) / 1e6;
    std::printf("%s, %s: %.1f MB in %.3f s = %.0f MB/s (best of %d)\n", scalar ? "scalar" : "SIMD",
                all_columns ? "all columns" : "2 columns", megabytes, best, megabytes / best, repeat);
    return 0;
}
