// Native profile of "Label the file" (src/core/eval/file_labeller): trains the TF-IDF + logistic
// regression classifier on TRAIN (fastText's file format, words only, as bench/label_file_wasm.mjs
// trains it in the page), then streams FILE.csv through the FileLabeller in 32 KB pieces, as the page
// does, and drops the output. Times the labelling alone; the page's rate is this one's less the WASM cost
// and the browser's reading and writing. For profiling (perf record) the hot path natively.
// usage: tb_label_file_bench TRAIN.txt FILE.csv [TEXT_COLUMN] [LABEL_COLUMN]
// prints: native_label rows=<n> labelled=<n> seconds=<x> rows_s=<x> out_mb=<x>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/eval/file_labeller.h"
#include "core/linear/linear_search.h"
#include "labelled_lines.h"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s TRAIN.txt FILE.csv [TEXT_COLUMN] [LABEL_COLUMN]\n", argv[0]);
        return 2;
    }
    std::vector<std::string> classes;
    const bench::Labelled train = bench::read_examples(argv[1], classes, true);
    tb::linear::SearchSettings settings;
    settings.ngrams = {1};
    settings.learning_curve = false;
    tb::linear::LinearSearch search(train.texts, train.labels, train.texts, train.labels, classes, settings);
    while (!search.done()) search.step(1 << 16);
    if (!search.error().empty()) {
        std::fprintf(stderr, "cannot train: %s\n", search.error().c_str());
        return 1;
    }
    const tb::eval::LocalClassifier model(search.take_model());
    tb::eval::LocalRowLabeller labeller(model, "bench", 1.5);
    tb::eval::FileLabelSettings file;
    file.text_column = argc > 3 ? argv[3] : "Consumer complaint narrative";
    file.label_column = argc > 4 ? argv[4] : "Product";
    tb::eval::FileLabeller writer(labeller, file);

    std::ifstream in(argv[2], std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", argv[2]);
        return 1;
    }
    std::vector<char> chunk(32 << 10);
    double out_bytes = 0;
    const auto start = std::chrono::steady_clock::now();
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        writer.feed(std::string_view(chunk.data(), static_cast<std::size_t>(in.gcount())));
        out_bytes += static_cast<double>(writer.output().size());
        writer.output().clear();
        if (!writer.error().empty()) {
            std::fprintf(stderr, "%s\n", writer.error().c_str());
            return 1;
        }
    }
    writer.finish();
    out_bytes += static_cast<double>(writer.output().size());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("native_label rows=%llu labelled=%llu seconds=%.3f rows_s=%.0f out_mb=%.1f\n",
                static_cast<unsigned long long>(writer.rows()), static_cast<unsigned long long>(writer.labelled()), seconds,
                static_cast<double>(writer.rows()) / seconds, out_bytes / 1e6);
    return 0;
}
