// Writes the generated seeds of the fuzz corpora: small model files and an exported experiment, made
// from toy data here so that the corpora hold no one's data. Run once (tests/fuzz/run.sh --seeds); the
// files it writes are committed under tests/fuzz/corpus/.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/linear/linear_search.h"
#include "core/text/json_text.h"
#include "core/train/trainer.h"
#include "core/workflow/experiment.h"

using namespace tb;

namespace {

const std::vector<std::string> kTexts = {"card charged twice", "loan payment late", "the card was declined",
                                         "loan servicer lost my payment", "caf\xC3\xA9 card fee \xE2\x80\x9Cquoted\xE2\x80\x9D",
                                         "late fee on the loan"};
const std::vector<int> kLabels = {0, 1, 0, 1, 0, 1};
const std::vector<std::string> kClasses = {"Credit card", "Student loan"};

void write(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::printf("%s: %zu bytes\n", path.c_str(), bytes.size());
}

std::string model_blob(int dim, int word_ngrams, int bucket, int minn, int maxn) {
    train::Hyperparameters hp;
    hp.dim = dim;
    hp.epochs = 2;
    hp.word_ngrams = word_ngrams;
    hp.bucket = bucket;
    hp.minn = minn;
    hp.maxn = maxn;
    train::Trainer trainer(kTexts, kLabels, kClasses, hp);
    while (!trainer.done()) trainer.step(100);
    const std::vector<std::uint8_t> blob = trainer.model().save();
    return std::string(blob.begin(), blob.end());
}

std::string linear_blob(int ngram, linear::CharRange chars = {}) {
    linear::SearchSettings settings;
    settings.ngrams = {ngram};
    settings.chars = chars;
    settings.strengths = {3};
    settings.learning_curve = false;
    linear::LinearSearch search(kTexts, kLabels, {}, {}, kClasses, settings);
    while (!search.done()) search.step(100);
    const std::vector<std::uint8_t> blob = search.take_model().save();
    return std::string(blob.begin(), blob.end());
}

workflow::State experiment() {
    workflow::State state;
    state.experiment_name = "Seed \xE2\x80\x94 products";
    workflow::Dataset dataset;
    dataset.file = {0, "complaints.csv", 4096, false};
    dataset.summary.header = {"Narrative", "Product"};
    dataset.summary.text_column = 0;
    dataset.summary.label_column = 1;
    dataset.summary.rows = 6;
    dataset.summary.classes = {{kClasses[0], 3, 3}, {kClasses[1], 3, 3}};
    dataset.summary.seed = 3;
    dataset.split.classes = kClasses;
    for (std::size_t i = 0; i < kTexts.size(); ++i) {
        const std::string& label = kClasses[static_cast<std::size_t>(kLabels[i])];
        auto& part = i < 4 ? dataset.split.train : dataset.split.test;
        part.push_back({i + 1, 7 * i + 1, label, {kTexts[i], label}});
    }
    state.data.dataset = std::move(dataset);
    eval::Candidate chat;
    chat.profile = "openai";
    chat.model = "gpt-4o-mini-2024-07-18";
    chat.prompt = {"Pick one.", "{text}"};
    eval::Evaluation e = eval::make_evaluation(chat);
    api::ChatAnswer answer;
    answer.content = answer.raw = "Credit card";
    eval::record_answer(e, 5, answer, kClasses, 0.4);
    e.failed[6] = "HTTP 400: too long";
    state.eval.evaluations.push_back(std::move(e));
    eval::Candidate majority;
    majority.method = eval::Method::Majority;
    state.eval.evaluations.push_back(eval::make_evaluation(majority));
    finetune::TrackedJob job;
    job.profile = "openai";
    job.client_id = "tb-1";
    job.job.id = "ftjob-1";
    job.job.status = api::JobStatus::Succeeded;
    job.job.fine_tuned_model = "ft:gpt-4o-mini-2024-07-18:org::abc";
    job.events.push_back({"ev-1", 10, "info", "Step 1/2: training loss=0.5", api::StepMetrics{1, 2, 0.5}});
    state.finetune.jobs.push_back(job);
    state.finetune.price_edits = R"({"as_of":"2026-01-01","currency":"USD","models":[]})";
    return state;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_fuzz_seeds CORPUS_DIR\n");
        return 2;
    }
    const std::string dir = argv[1];
    write(dir + "/model_file/words.tbmodel", model_blob(4, 1, 0, 0, 0));
    write(dir + "/model_file/bigrams.tbmodel", model_blob(3, 2, 11, 0, 0));
    write(dir + "/model_file/subwords.tbmodel", model_blob(2, 1, 13, 2, 3));
    write(dir + "/model_file/linear-words.tbmodel", linear_blob(1));
    write(dir + "/model_file/linear-pairs.tbmodel", linear_blob(2));
    write(dir + "/model_file/linear-chars.tbmodel", linear_blob(2, linear::kCharGrams));
    write(dir + "/experiment_import/experiment.json", text::dump_json(workflow::experiment_to_json(experiment()), 1));
    return 0;
}
