// Native ingest benchmark: reads a CSV in 4 MB chunks (as the browser hands them over) through the CSV
// reader alone, then through the whole loader (reader + class counts + duplicates + samples), and prints
// MB/s for each, best of N rounds.
// usage: tb_ingest_bench FILE.csv [ROUNDS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "core/csv/reader.h"
#include "core/data/loader.h"

namespace {

struct CountingSink : tb::csv::RowSink {
    std::size_t rows = 0;
    tb::csv::ColumnSelection on_header(const tb::csv::Header&) override {
        return tb::csv::ColumnSelection::only({1, 5});
    }
    void on_row(const tb::csv::Row&) override { ++rows; }
};

template <typename Feed>
double best_seconds(const std::vector<std::string>& chunks, int rounds, Feed feed) {
    double best = 1e30;
    for (int round = 0; round < rounds; ++round) {
        const auto start = std::chrono::steady_clock::now();
        feed(chunks);
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        best = std::min(best, took.count());
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE.csv [ROUNDS]\n", argv[0]);
        return 2;
    }
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
    std::ifstream in(argv[1], std::ios::binary);
    std::vector<std::string> chunks;
    std::size_t bytes = 0;
    for (;;) {
        std::string chunk(4u << 20, '\0');
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        chunk.resize(static_cast<std::size_t>(in.gcount()));
        if (chunk.empty()) break;
        bytes += chunk.size();
        chunks.push_back(std::move(chunk));
    }
    std::size_t rows = 0;
    const double reader_s = best_seconds(chunks, rounds, [&](const auto& all) {
        tb::csv::Reader reader;
        CountingSink sink;
        for (const auto& chunk : all) reader.feed(chunk, sink);
        reader.finish(sink);
        rows = sink.rows;
    });
    std::size_t with_text = 0;
    const double loader_s = best_seconds(chunks, rounds, [&](const auto& all) {
        tb::data::LoadSettings settings;
        settings.drop_duplicates = std::getenv("TB_NO_DEDUPE") == nullptr;
        tb::data::Loader loader(settings);
        for (const auto& chunk : all) loader.feed(chunk);
        loader.finish();
        with_text = loader.ingest().rows_with_text();
    });
    const double mb = static_cast<double>(bytes) / 1e6;
    std::printf("ingest_native mb=%.0f rows=%zu with_text=%zu reader=%.0f loader=%.0f\n", mb, rows, with_text,
                mb / reader_s, mb / loader_s);
    return 0;
}
