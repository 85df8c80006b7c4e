// Benchmark of the logistic regression on dense vectors (src/core/linear/vector_search.h), the classifier
// of the embeddings candidate, on generated vectors with class structure: each class a centre drawn at
// random, each row its class's centre plus Gaussian noise, then scaled to unit length as embedding models
// return them; the classes unbalanced (class k has weight 1 / (k + 1)). The same generator, seed and
// sizes give the same vectors natively and in WebAssembly (the polar method on a 64-bit LCG, with the
// portable log). Searches the strengths on TRAIN and VALIDATION as the page would, then scores TEST.
// With --write PREFIX, also writes the sets for scikit-learn's side (bench/vectors_sklearn.py):
// PREFIX.{train,validation,test}.f32 (little-endian float32, row after row) and .labels (int32).
// usage: tb_vector_bench [--rows N] [--validation N] [--test N] [--dims D] [--classes K] [--seed S]
//                        [--separation X] [--c 0.001,0.01,...] [--tune-rows N] [--write PREFIX]
// prints a line per trial, then:
//   tuneboard rows=<n> dims=<d> classes=<k> best_c=<x> val_acc=<x> acc=<x> total_s=<x> data_mb=<x>
// total_s spans the standardisation and the whole grid (scikit-learn's side times the same).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "core/linear/vector_search.h"
#include "core/train/portable_math.h"

namespace {

struct Generator {
    std::uint64_t state;
    double uniform() {  // in (−1, 1)
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) / 4503599627370496.0 - 1.0;
    }
    double spare = 0;
    bool has_spare = false;
    double normal() {  // Marsaglia's polar method: log and sqrt only, both the same on every platform here
        if (has_spare) {
            has_spare = false;
            return spare;
        }
        double u, v, s;
        do {
            u = uniform();
            v = uniform();
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        const double f = std::sqrt(-2 * tb::train::portable_log(s) / s);
        spare = v * f;
        has_spare = true;
        return u * f;
    }
};

struct Set {
    tb::linear::FeatureRows rows;
    std::vector<int> labels;
};

// `n` more rows around the class centres; classes drawn with weights 1 / (k + 1).
void generate(std::size_t n, const std::vector<std::vector<double>>& centres, Generator& g, Set& out) {
    const std::size_t dims = centres[0].size(), classes = centres.size();
    double total = 0;
    for (std::size_t k = 0; k < classes; ++k) total += 1.0 / static_cast<double>(k + 1);
    out.rows.dense = true;
    out.rows.width = dims;
    std::vector<float> v(dims);
    for (std::size_t i = 0; i < n; ++i) {
        double pick = (g.uniform() + 1) / 2 * total;
        std::size_t label = 0;
        while (label + 1 < classes && pick >= 1.0 / static_cast<double>(label + 1)) pick -= 1.0 / static_cast<double>(++label);
        double squares = 0;
        for (std::size_t j = 0; j < dims; ++j) {
            const double x = centres[label][j] + g.normal();
            v[j] = static_cast<float>(x);
            squares += x * x;
        }
        const double scale = 1 / std::sqrt(squares);
        for (float& x : v) x = static_cast<float>(x * scale);
        out.rows.add_dense_row(v);
        out.labels.push_back(static_cast<int>(label));
    }
}

// Rows [begin, end) of the set, as PREFIX.NAME.f32 and .labels.
bool write(const std::string& prefix, const char* name, const Set& set, std::size_t begin, std::size_t end) {
    const std::string base = prefix + "." + name;
    FILE* f = std::fopen((base + ".f32").c_str(), "wb");
    FILE* l = std::fopen((base + ".labels").c_str(), "wb");
    bool ok = f != nullptr && l != nullptr;
    if (ok) {
        const std::size_t dims = set.rows.width, values = (end - begin) * dims;
        ok = std::fwrite(set.rows.values.data() + begin * dims, sizeof(float), values, f) == values &&
             std::fwrite(set.labels.data() + begin, sizeof(int), end - begin, l) == end - begin;
    }
    if (f != nullptr) std::fclose(f);
    if (l != nullptr) std::fclose(l);
    return ok;
}

std::vector<double> list(const char* text) {
    std::vector<double> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) out.push_back(std::stod(item));
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t rows = 100000, validation_rows = 1000, test_rows = 5000, dims = 1536, classes = 6;
    std::uint64_t seed = 1;
    double separation = 0.07;  // each centre coordinate's deviation, against the noise's 1: about 0.89 accurate
    std::string prefix;
    tb::linear::VectorSearchSettings settings;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const char* value = argv[i + 1];
        if (flag == "--rows") rows = std::strtoull(value, nullptr, 10);
        else if (flag == "--validation") validation_rows = std::strtoull(value, nullptr, 10);
        else if (flag == "--test") test_rows = std::strtoull(value, nullptr, 10);
        else if (flag == "--dims") dims = std::strtoull(value, nullptr, 10);
        else if (flag == "--classes") classes = std::strtoull(value, nullptr, 10);
        else if (flag == "--seed") seed = std::strtoull(value, nullptr, 10);
        else if (flag == "--separation") separation = std::atof(value);
        else if (flag == "--c") settings.strengths = list(value);
        else if (flag == "--tune-rows") settings.tune_rows = std::strtoull(value, nullptr, 10);
        else if (flag == "--write") prefix = value;
        else {
            std::fprintf(stderr, "unknown flag %s\n", argv[i]);
            return 2;
        }
    }
    if (argc % 2 == 0) {
        std::fprintf(stderr, "usage: %s [--rows N] [--validation N] [--test N] [--dims D] [--classes K] [--seed S] "
                             "[--separation X] [--c 0.001,0.01] [--tune-rows N] [--write PREFIX]\n", argv[0]);
        return 2;
    }
    Generator g{seed};
    std::vector<std::vector<double>> centres(classes, std::vector<double>(dims));
    for (auto& centre : centres) {
        for (double& x : centre) x = separation * g.normal();
    }
    // One block, as the page's store holds vectors: training rows, then validation, then test.
    Set all;
    all.rows.values.reserve((rows + validation_rows + test_rows) * dims);
    generate(rows, centres, g, all);
    generate(validation_rows, centres, g, all);
    generate(test_rows, centres, g, all);
    const std::size_t validation_end = rows + validation_rows, end = validation_end + test_rows;
    if (!prefix.empty() && !(write(prefix, "train", all, 0, rows) && write(prefix, "validation", all, rows, validation_end) &&
                             write(prefix, "test", all, validation_end, end))) {
        std::fprintf(stderr, "cannot write %s.*\n", prefix.c_str());
        return 1;
    }
    const double data_mb = static_cast<double>(tb::linear::vector_bytes(end, dims)) / 1e6;
    const auto numbers = [](std::size_t from, std::size_t to) {
        std::vector<std::size_t> out;
        for (std::size_t i = from; i < to; ++i) out.push_back(i);
        return out;
    };
    std::vector<std::string> names;
    for (std::size_t k = 0; k < classes; ++k) names.push_back("class" + std::to_string(k));

    const auto start = std::chrono::steady_clock::now();
    tb::linear::VectorSearch search(all.rows, numbers(0, rows), std::vector<int>(all.labels.begin(), all.labels.begin() + static_cast<std::ptrdiff_t>(rows)),
                                    numbers(rows, validation_end),
                                    std::vector<int>(all.labels.begin() + static_cast<std::ptrdiff_t>(rows),
                                                     all.labels.begin() + static_cast<std::ptrdiff_t>(validation_end)),
                                    names, settings);
    std::size_t reported = 0;
    while (!search.done()) {
        search.step(4096);
        for (; reported < search.trials().size(); ++reported) {
            const tb::linear::Trial& t = search.trials()[reported];
            std::printf("trial c=%g rows=%zu val_acc=%.4f val_loss=%.4f iterations=%d converged=%d\n", t.strength, t.rows,
                        t.accuracy, t.loss, t.iterations, t.converged ? 1 : 0);
        }
    }
    const double total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!search.error().empty()) {
        std::fprintf(stderr, "cannot train: %s\n", search.error().c_str());
        return 1;
    }
    const tb::linear::Trial best = search.trials()[*search.best()];
    const tb::linear::VectorModel model = search.take_model();
    std::size_t correct = 0;
    for (std::size_t i = validation_end; i < end; ++i) {
        if (model.predict_label(all.rows.values_of(i)) == all.labels[i]) ++correct;
    }
    std::printf("tuneboard rows=%zu dims=%zu classes=%zu best_c=%g val_acc=%.4f acc=%.4f total_s=%.3f data_mb=%.1f\n", rows,
                dims, classes, best.strength, best.accuracy,
                static_cast<double>(correct) / static_cast<double>(std::max<std::size_t>(1, test_rows)), total_s,
                data_mb);
    return 0;
}
