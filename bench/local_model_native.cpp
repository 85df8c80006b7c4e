// Native benchmark of the local classifier (src/core/train) on fastText-format files: reads TRAIN.txt
// (`__label__X text` per line), builds and trains the model with fastText's hyperparameter flags, writes
// the model blob (as `fasttext supervised` writes its .bin), then scores TEST.txt. Times the same work
// fastText's training command does: read, build, train, save.
// usage: tb_local_model_bench TRAIN.txt TEST.txt [-dim N] [-lr X] [-epoch N|auto] [-wordNgrams N] [-bucket N]
//                            [-minCount N] [-minn N] [-maxn N] [-seed N] [-output FILE]
//   (-epoch auto: the page's rule, tb::train::auto_epochs of the training rows)
// prints: tuneboard rows=<n> test_rows=<n> classes=<n> epochs=<n> acc=<x> loss=<x> train_loss=<x> read_s=<x>
//         prepare_s=<x> train_s=<x> save_s=<x> total_s=<x> model_mb=<x>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "labelled_lines.h"
#include "core/train/scores.h"
#include "core/train/trainer.h"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s TRAIN.txt TEST.txt [-dim N] [-lr X] [-epoch N|auto] [-wordNgrams N] [-bucket N] "
                             "[-minCount N] [-minn N] [-maxn N] [-seed N] [-output FILE]\n", argv[0]);
        return 2;
    }
    tb::train::Hyperparameters hp;
    std::string output = "/dev/null";
    bool auto_epochs = false;
    for (int i = 3; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const char* value = argv[i + 1];
        if (flag == "-dim") hp.dim = std::atoi(value);
        else if (flag == "-lr") hp.lr = std::atof(value);
        else if (flag == "-epoch") {
            auto_epochs = std::string(value) == "auto";
            hp.epochs = std::atoi(value);
        } else if (flag == "-wordNgrams") hp.word_ngrams = std::atoi(value);
        else if (flag == "-bucket") hp.bucket = std::atoi(value);
        else if (flag == "-minCount") hp.min_count = std::atoi(value);
        else if (flag == "-minn") hp.minn = std::atoi(value);
        else if (flag == "-maxn") hp.maxn = std::atoi(value);
        else if (flag == "-seed") hp.seed = std::strtoull(value, nullptr, 10);
        else if (flag == "-output") output = value;
        else {
            std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
            return 2;
        }
    }

    const auto start = std::chrono::steady_clock::now();
    std::vector<std::string> classes;
    const bench::Labelled train = bench::read_examples(argv[1], classes, true);
    if (auto_epochs) hp.epochs = tb::train::auto_epochs(train.texts.size());
    const double read_s = seconds_since(start);

    // Slices as the browser will run them; the result does not depend on their size.
    constexpr std::size_t kSlice = 2000;
    auto phase = std::chrono::steady_clock::now();
    tb::train::Trainer trainer(train.texts, train.labels, classes, hp);
    while (!trainer.done() && trainer.phase() != tb::train::Trainer::Phase::Training) trainer.step(kSlice);
    if (!trainer.error().empty()) {
        std::fprintf(stderr, "cannot train: %s\n", trainer.error().c_str());
        return 1;
    }
    const double prepare_s = seconds_since(phase);

    phase = std::chrono::steady_clock::now();
    while (!trainer.done()) trainer.step(kSlice);
    const double train_s = seconds_since(phase);

    phase = std::chrono::steady_clock::now();
    const std::vector<std::uint8_t> blob = trainer.model().save();
    std::ofstream(output, std::ios::binary).write(reinterpret_cast<const char*>(blob.data()),
                                                  static_cast<std::streamsize>(blob.size()));
    const double save_s = seconds_since(phase);
    const double total_s = seconds_since(start);

    const bench::Labelled test = bench::read_examples(argv[2], classes, false);
    const tb::train::Scores scores = tb::train::score(trainer.model(), test.texts, test.labels);
    std::printf("tuneboard rows=%zu test_rows=%zu classes=%zu epochs=%d acc=%.4f loss=%.4f train_loss=%.4f read_s=%.3f "
                "prepare_s=%.3f train_s=%.3f save_s=%.3f total_s=%.3f model_mb=%.1f\n",
                train.texts.size(), scores.rows, classes.size(), hp.epochs, scores.accuracy, scores.loss, trainer.average_loss(),
                read_s, prepare_s, train_s, save_s, total_s, static_cast<double>(blob.size()) / 1e6);
    return 0;
}
