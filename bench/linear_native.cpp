// Native benchmark of the TF-IDF + logistic regression classifier (src/core/linear) on fastText-format
// files (`__label__X text` per line): searches the grid on TRAIN and VALIDATION as the page does, then
// scores TEST with the chosen model. Times reading the texts, the features and the whole grid (the work
// scikit-learn's side of bench/local_model.sh times), and saving the model.
// usage: tb_linear_bench TRAIN.txt VALIDATION.txt TEST.txt [--ngrams 1,2] [--c 1,3,10,30,100]
//                        [--min-df N] [--max-features N] [--tolerance X] [--step-tolerance X] [--max-iterations N]
//                        [--tune-rows N] [--no-curve] [--chars]
// prints a line per trial, then:
//   tuneboard rows=<n> classes=<n> best_ngram=<n> best_c=<x> val_acc=<x> acc=<x> features=<n> total_s=<x>
//             model_mb=<x>
// total_s spans reading the texts, the features and the whole grid with its learning curve.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "core/linear/linear_search.h"
#include "labelled_lines.h"

namespace {

template <typename T>
std::vector<T> list(const char* text) {
    std::vector<T> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) out.push_back(static_cast<T>(std::stod(item)));
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s TRAIN.txt VALIDATION.txt TEST.txt [--ngrams 1,2] [--c 1,3,10] [--min-df N] "
                             "[--max-features N] [--tolerance X] [--step-tolerance X] [--max-iterations N] "
                             "[--tune-rows N] [--no-curve] [--chars]\n", argv[0]);
        return 2;
    }
    tb::linear::SearchSettings settings;
    for (int i = 4; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--chars") {
            settings.chars = tb::linear::kCharGrams;
        } else if (flag == "--no-curve") {
            settings.learning_curve = false;
        } else if (i + 1 < argc && flag == "--ngrams") {
            settings.ngrams = list<int>(argv[++i]);
        } else if (i + 1 < argc && flag == "--c") {
            settings.strengths = list<double>(argv[++i]);
        } else if (i + 1 < argc && flag == "--min-df") {
            settings.min_df = std::atoi(argv[++i]);
        } else if (i + 1 < argc && flag == "--tolerance") {
            settings.tolerance = std::atof(argv[++i]);
        } else if (i + 1 < argc && flag == "--step-tolerance") {
            settings.step_tolerance = std::atof(argv[++i]);
        } else if (i + 1 < argc && flag == "--max-iterations") {
            settings.max_iterations = std::atoi(argv[++i]);
        } else if (i + 1 < argc && flag == "--tune-rows") {
            settings.tune_rows = static_cast<std::size_t>(std::atoll(argv[++i]));
        } else if (i + 1 < argc && flag == "--max-features") {
            settings.max_features = static_cast<std::size_t>(std::atoll(argv[++i]));
        } else {
            std::fprintf(stderr, "unknown flag %s\n", argv[i]);
            return 2;
        }
    }
    std::vector<std::string> classes;
    const bench::Labelled train = bench::read_examples(argv[1], classes, true);
    bench::Labelled validation = bench::read_examples(argv[2], classes, false);
    const bench::Labelled test = bench::read_examples(argv[3], classes, false);
    // Rows of a class the training file lacks cannot be learnt: left out of validation, as the split does.
    bench::Labelled known;
    for (std::size_t i = 0; i < validation.labels.size(); ++i) {
        if (validation.labels[i] < 0) continue;
        known.texts.push_back(validation.texts[i]);
        known.labels.push_back(validation.labels[i]);
    }
    const auto start = std::chrono::steady_clock::now();
    tb::linear::LinearSearch search(train.texts, train.labels, known.texts, known.labels, classes, settings);
    std::size_t reported = 0;
    while (!search.done()) {
        search.step(4096);
        for (; reported < search.trials().size(); ++reported) {
            const tb::linear::Trial& t = search.trials()[reported];
            std::printf("trial ngram=%d c=%g rows=%zu features=%zu val_acc=%.4f val_loss=%.4f iterations=%d converged=%d\n",
                        t.ngram, t.strength, t.rows, t.features, t.accuracy, t.loss, t.iterations, t.converged ? 1 : 0);
        }
    }
    const double search_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!search.error().empty()) {
        std::fprintf(stderr, "cannot train: %s\n", search.error().c_str());
        return 1;
    }
    for (const tb::linear::CurvePoint& p : search.learning_curve()) {
        std::printf("curve rows=%zu val_acc=%.4f val_loss=%.4f\n", p.rows, p.accuracy, p.loss);
    }
    const tb::linear::Trial best = search.trials()[*search.best()];
    const tb::linear::LinearModel model = search.take_model();
    std::size_t correct = 0, rows = 0;
    for (std::size_t i = 0; i < test.texts.size(); ++i) {
        if (test.labels[i] < 0) continue;  // a class the model never saw counts as wrong
        ++rows;
        if (model.predict_label(test.texts[i]) == test.labels[i]) ++correct;
    }
    rows = test.texts.size();
    std::printf("tuneboard rows=%zu classes=%zu best_ngram=%d best_c=%g val_acc=%.4f acc=%.4f features=%zu "
                "total_s=%.3f model_mb=%.2f\n",
                train.texts.size(), classes.size(), best.ngram, best.strength, best.accuracy,
                rows ? static_cast<double>(correct) / static_cast<double>(rows) : 0.0, model.features().width(), search_s,
                static_cast<double>(model.save().size()) / 1e6);
    return 0;
}
