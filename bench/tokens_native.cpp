// Native token-counting benchmark: loads a BPE asset (built into BUILD/tokens/), reads a CSV's text column
// ("Consumer complaint narrative" by default), and counts every text's tokens, best of N rounds.
// usage: tb_tokens_bench ASSET.tiktoken.bin FILE.csv [ROUNDS [COLUMN]]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/csv/reader.h"
#include "core/tokens/bpe.h"

namespace {

struct TextSink : tb::csv::RowSink {
    std::string column_name;
    std::size_t column = 0;
    std::vector<std::string> texts;
    tb::csv::ColumnSelection on_header(const tb::csv::Header& header) override {
        column = header.find(column_name).value_or(header.size());
        return tb::csv::ColumnSelection::only({column});
    }
    void on_row(const tb::csv::Row& row) override { texts.emplace_back(row.field(column)); }
};

std::string read_file(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s ASSET.tiktoken.bin FILE.csv [ROUNDS [COLUMN]]\n", argv[0]);
        return 2;
    }
    const int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
    TextSink sink;
    sink.column_name = argc > 4 ? argv[4] : "Consumer complaint narrative";

    const std::string asset = read_file(argv[1]);
    auto start = std::chrono::steady_clock::now();
    std::string error;
    const auto bpe = tb::tokens::Bpe::from_asset(asset, &error);
    const double load_s = seconds_since(start);
    if (!bpe) {
        std::fprintf(stderr, "%s: %s\n", argv[1], error.c_str());
        return 1;
    }

    tb::csv::Reader reader;
    reader.feed(read_file(argv[2]), sink);
    reader.finish(sink);
    std::size_t bytes = 0;
    for (const auto& text : sink.texts) bytes += text.size();

    std::size_t tokens = 0;
    double best = 1e30;
    for (int round = 0; round < rounds; ++round) {
        start = std::chrono::steady_clock::now();
        tokens = 0;
        for (const auto& text : sink.texts) tokens += bpe->count(text);
        best = std::min(best, seconds_since(start));
    }
    std::printf("tokens_native encoding=%s texts=%zu mb=%.2f tokens=%zu load_ms=%.1f table_mb=%.1f "
                "mtokens_per_s=%.2f mb_per_s=%.1f\n",
                std::string(tb::tokens::encoding_name(bpe->encoding())).c_str(), sink.texts.size(),
                static_cast<double>(bytes) / 1e6, tokens, load_s * 1e3,
                static_cast<double>(bpe->memory_bytes()) / 1e6, static_cast<double>(tokens) / best / 1e6,
                static_cast<double>(bytes) / best / 1e6);
    return 0;
}
