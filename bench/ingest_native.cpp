// Native ingest benchmark: reads a CSV in 4 MB chunks (as the browser hands them over) through the CSV
// reader alone, then through the whole loader (reader + class counts + duplicates + samples), and prints
// MB/s for each, best of N rounds.
// usage: tb_ingest_bench FILE.csv [ROUNDS [verify|loader]]
//        tb_ingest_bench --dedupe-memory ROWS
// The second form measures what duplicate detection costs: ROWS short distinct texts, made on the fly
// 4 MB at a time (so the input takes no memory), go through the loader; it prints the peak resident
// memory the read added, per row. It uses only the loader's oldest interface, so that the same file
// builds against an older core to compare.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "core/csv/reader.h"
#include "core/data/hashing.h"
#include "core/data/loader.h"

namespace {

struct CountingSink : tb::csv::RowSink {
    std::size_t rows = 0;
    // TB_VERIFY: a digest of every materialised field, to compare builds and targets (slower).
    bool verify = false;
    std::uint64_t digest = 0;
    tb::csv::ColumnSelection on_header(const tb::csv::Header&) override {
        return tb::csv::ColumnSelection::only({1, 5});
    }
    void on_row(const tb::csv::Row& row) override {
        ++rows;
        if (!verify) return;
        for (const std::string_view field : row.fields) digest = digest * 31 + tb::data::hash_text(field);
        digest = digest * 31 + (row.well_formed ? 1 : 2);
    }
};

std::uint64_t loader_digest(const tb::data::Loader& loader) {
    const tb::data::Ingest& ingest = loader.ingest();
    std::uint64_t digest = ingest.rows() ^ ingest.duplicates() << 20 ^ ingest.missing_text() << 40;
    digest ^= ingest.too_short() << 60;
    for (const tb::data::ClassTally* tally : ingest.classes_by_count()) {
        digest = digest * 31 + tb::data::hash_text(tally->label) + tally->with_text * 7 + tally->eligible;
        for (const tb::data::SampledRow& sampled : tally->sample) {
            digest = digest * 31 + sampled.row + sampled.offset * 3;
            for (const std::string& field : sampled.fields) digest = digest * 31 + tb::data::hash_text(field);
        }
    }
    return digest;
}

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

// A figure of /proc/self/status, in bytes ("VmHWM:" the peak resident memory, "VmRSS:" the current).
std::uint64_t status_bytes(const char* key) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(key, 0) == 0) return std::strtoull(line.c_str() + std::strlen(key), nullptr, 10) * 1024;
    }
    return 0;
}

int dedupe_memory(std::uint64_t rows) {
    tb::data::LoadSettings settings;
    settings.text_column = "text";
    settings.label_column = "label";
    const std::uint64_t before = status_bytes("VmRSS:");
    std::uint64_t duplicates = 0;
    {
        tb::data::Loader loader(settings);
        std::string chunk = "text,label\n";
        char line[96];
        for (std::uint64_t row = 1; row <= rows; ++row) {
            const int n = std::snprintf(line, sizeof line, "complaint %llu about a product,P%llu\n",
                                        static_cast<unsigned long long>(row), static_cast<unsigned long long>(row % 6));
            chunk.append(line, static_cast<std::size_t>(n));
            if (chunk.size() >= (4u << 20) || row == rows) {
                loader.feed(chunk);
                chunk.clear();
            }
        }
        loader.finish();
        duplicates = loader.ingest().duplicates();
    }
    const std::uint64_t added = status_bytes("VmHWM:") - before;
    std::printf("dedupe_memory rows=%llu duplicates=%llu peak_added_mb=%.1f bytes_per_row=%.2f\n",
                static_cast<unsigned long long>(rows), static_cast<unsigned long long>(duplicates), added / 1e6,
                static_cast<double>(added) / static_cast<double>(rows));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 2 && std::string(argv[1]) == "--dedupe-memory") return dedupe_memory(std::strtoull(argv[2], nullptr, 10));
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE.csv [ROUNDS]\n", argv[0]);
        return 2;
    }
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
    // TB_VERIFY (or "verify" after ROUNDS, as Emscripten's node builds see no environment): print
    // digests of what was read, to compare builds and targets.
    const bool verify = std::getenv("TB_VERIFY") != nullptr || (argc > 3 && std::string(argv[3]) == "verify");
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
    // "loader" after ROUNDS times the loader alone (for profiles).
    const bool loader_only = argc > 3 && std::string(argv[3]) == "loader";
    const double reader_s = best_seconds(chunks, loader_only ? 0 : rounds, [&](const auto& all) {
        tb::csv::Reader reader;
        CountingSink sink;
        sink.verify = verify;
        for (const auto& chunk : all) reader.feed(chunk, sink);
        reader.finish(sink);
        rows = sink.rows;
        if (sink.verify) std::printf("reader digest %016llx\n", static_cast<unsigned long long>(sink.digest));
    });
    unsigned long long with_text = 0;
    const double loader_s = best_seconds(chunks, rounds, [&](const auto& all) {
        tb::data::LoadSettings settings;
        settings.drop_duplicates = std::getenv("TB_NO_DEDUPE") == nullptr;
        tb::data::Loader loader(settings);
        for (const auto& chunk : all) loader.feed(chunk);
        loader.finish();
        with_text = loader.ingest().rows_with_text();
        if (verify) {
            std::printf("loader digest %016llx duplicates %llu\n", static_cast<unsigned long long>(loader_digest(loader)),
                        static_cast<unsigned long long>(loader.ingest().duplicates()));
        }
    });
    const double mb = static_cast<double>(bytes) / 1e6;
    std::printf("ingest_native mb=%.0f rows=%zu with_text=%llu reader=%.0f loader=%.0f\n", mb, rows, with_text,
                mb / reader_s, mb / loader_s);
    return 0;
}
