#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/data/all_rows.h"
#include "core/data/loader.h"
#include "core/eval/local_classifier.h"
#include "core/linear/linear_search.h"
#include "core/train/training_run.h"

namespace tb::workflow {

struct State;

// What is known of the model in hand: how it was made, its curves and its scores. Saved with the
// experiment; its weights are kept apart (they are megabytes) and must match `checksum`.
struct LocalModelFacts {
    // Facts saved before there were two kinds have none: they are the fastText-style model's.
    eval::LocalKind kind = eval::LocalKind::FastText;
    train::Hyperparameters hp;    // FastText: its settings
    // Linear: the grid it was chosen from, every trial (the chosen one is `best`) and the learning curve.
    linear::SearchSettings search;
    std::vector<linear::Trial> trials;
    std::size_t best = 0;
    std::vector<linear::CurvePoint> learning_curve;
    int ngram = 0;          // Linear: the chosen longest n-gram (also of a model loaded from a file)
    linear::CharRange chars;  // Linear: its character n-grams (none: off)
    double strength = 0;    // Linear: the chosen C
    std::string candidate;        // the evaluation holding its answers to the test rows
    std::string origin;           // "trained", or the name of the file it was loaded from
    // The fingerprint of the rows it learnt from: eval::training_fingerprint of the split's training rows, or
    // eval::held_out_fingerprint when it learnt from every labelled row outside validation and test.
    std::string training_rows;
    bool all_rows = false;        // it learnt from every labelled row (training_rows says which were held out)
    std::size_t train_rows = 0, validation_rows = 0;
    std::size_t classes = 0;      // its loss at chance level is ln classes; 0 when not known (older saves)
    std::vector<train::LossPoint> curve;              // FastText
    std::vector<train::ValidationPoint> validation;   // FastText; Linear: the chosen trial's score alone
    double seconds = 0;           // training in the page, from Train to the last validation check
    std::size_t model_bytes = 0;  // the saved blob
    std::string checksum;         // of the saved blob, hex
};

// "Every labelled row" is read again from the file: at most this many rows are kept (a seeded sample
// beyond), which bounds memory (about 3 KB a row for a CFPB narrative's text and features) and time.
constexpr std::uint64_t kAllRowsLimit = 100'000;

// The second read of the file for training on every labelled row: the app streams the file into the
// loader, which hands each eligible row to the gatherer. Not saved: a reload reads again.
struct AllRowsRead {
    std::unique_ptr<data::Loader> loader;
    std::unique_ptr<data::AllRowsGatherer> rows;
    int handle = 0;        // the file, to the platform layer
    std::string file;      // its name
    std::uint64_t bytes = 0;
    std::string learnt;    // eval::held_out_fingerprint of the split it was started for
    int stream = 0;        // set by the app once streaming: 0 until then
};

// The classifier trained in the browser: its settings, the training under way, and the model in hand.
struct LocalModelState {
    // What the next training uses: the kind, and each kind's settings.
    eval::LocalKind kind = eval::LocalKind::Linear;
    train::Hyperparameters settings;  // the fastText-style model's (see training_hyperparameters)
    // Its epochs follow the training rows (train::auto_epochs) unless the person set a number.
    bool auto_epochs = true;
    linear::SearchSettings linear_settings;
    // Learn from every labelled row of the file outside the split's validation and test rows, not only
    // the split's training rows.
    bool all_rows = false;
    std::unique_ptr<AllRowsRead> all_rows_read;  // before a run on every row: the file read again
    // Training under way (not saved): the app steps it a slice each frame.
    std::unique_ptr<eval::LocalTraining> run;
    LocalModelFacts run_facts;  // what the run was started with: its settings and rows
    double run_seconds = 0;     // spent so far, kept by the app
    // The model last trained or loaded; its weights are in the browser under their own key.
    std::optional<eval::LocalClassifier> model;
    LocalModelFacts facts;  // of `model`; kept when the weights could not be restored
    // None: no model, or the browser refused to keep its weights (the status said so). Loading: being
    // restored. Unsaved: to be saved (unsaved_blob). Saved: in the browser. Missing: restored facts whose
    // weights are not in the browser.
    enum class Weights { None, Loading, Unsaved, Saved, Missing };
    Weights weights = Weights::None;
    std::vector<std::uint8_t> unsaved_blob;  // the model's blob while Unsaved: the app stores it
    // Repeat over splits: the same settings trained on another split's training rows, to be scored on
    // its test rows (not saved; its accuracy goes to EvalState::local_split_accuracy).
    std::unique_ptr<eval::LocalTraining> split_run;
    std::string split_run_id;      // eval::local_split_id of that split
    std::size_t split_run_index = 0;  // into EvalState::splits
    std::string error;  // why the last training or load gave no model
};

// The name of the model these facts describe, as its candidate shows it: "TF-IDF + logistic regression ·
// words and pairs · C 10", or the fastText-style settings (eval::hyperparameters_label).
std::string local_model_label(const LocalModelFacts& facts);
// Why the model these facts describe is not scored on the current split (it learnt from another split's
// training rows, some of which may be test rows now), or empty when it may be.
std::string not_scored_here_because(const State& state, const LocalModelFacts& facts);
// The settings the next training on `train_rows` rows uses: the person's, with the epochs from
// train::auto_epochs when they are left to auto.
train::Hyperparameters training_hyperparameters(const LocalModelState& local, std::size_t train_rows);
// Validation checks an epoch for a run of `epochs`: four, fewer beyond 25 epochs so that a run has about
// a hundred (at least one an epoch). Each check scores every validation row, so at 200 epochs four
// an epoch would cost four times the training itself.
int validation_checks_per_epoch(int epochs);

// Why training on every labelled row is not possible now (no split; the file is not open: after a reload
// the page keeps only the split's rows), or empty. Then all_rows_plan() gives the rows it would learn from.
std::string all_rows_unavailable_because(const State& state);
data::AllRowsPlan all_rows_plan(const State& state);
// Where the learning curve rises and the file has more labelled rows than the model learnt from, the way
// to them, as the Fine-tune step says it; else empty. (A first-time user trained on the split's 100 rows,
// read "may help", and never saw the choice: 0.74 → 0.86 on the real complaints.)
std::string more_rows_hint(const State& state);
// About how many rows the next training learns from: the split's training rows, or every labelled row
// (up to the limit) when that is chosen and possible.
std::size_t rows_to_learn_from(const State& state);

// A second read of the file for every labelled row outside the split's validation and test rows (when
// all_rows_unavailable_because() is empty), for the app to stream; and, once streamed (or failed with
// `error`), why its rows cannot be used, or empty.
std::unique_ptr<AllRowsRead> make_all_rows_read(const State& state);
std::string rows_read_failed_because(AllRowsRead& read, const std::string& error);

// Starts training on the split's training rows, scored on its validation rows as it goes; a run under
// way is dropped. Says why in the status when it cannot (no split, one class). With `all_rows`, it first
// asks the app to read the file again (LocalModelState::all_rows_read), then finish_all_rows_read() starts it.
void start_local_training(State& state);
// Called by the app when the file read for every labelled row has ended; `error` is why it failed, if it did.
// Starts the training on those rows, or says why it cannot.
void finish_all_rows_read(State& state, const std::string& error);
// The split was drawn again: training on rows that are no longer its training rows stops (its model
// could not be scored on the new test rows), and says so.
void stop_local_training_on_other_rows(State& state);
// Repeat over splits: starts training the model in hand's settings on the next split that has no score
// yet, when the in-browser candidate is repeated and nothing else trains. False when none is left.
bool start_next_split_training(State& state);
// Called by the app once the split run is done(): scores it on its split's test rows, then drops it.
void finish_split_training(State& state);
// Called by the app once the run is done(): keeps the model, answers the test rows with it (its
// candidate is added or refreshed), and marks the weights to be saved.
void finish_local_training(State& state, double seconds);
// A model from a file (Model::load's blob): checked against the split's classes, then answers the test
// rows like a trained one. Returns why it cannot be used, or empty.
std::string adopt_local_model(State& state, std::span<const std::uint8_t> blob, const std::string& file_name);
// The weights the browser kept for the restored facts; refused unless their checksum matches.
std::string restore_local_weights(State& state, std::span<const std::uint8_t> blob);
// Answers the test rows the model's candidate has not answered yet (after a reload, or when removed and
// added back). Returns why it cannot, or empty.
std::string answer_with_local_model(State& state);

// A search's trials as saved and shown (state().localModel.trials, an embeddings candidate's), and back.
nlohmann::json trials_json(const std::vector<linear::Trial>& trials);
std::vector<linear::Trial> trials_from_json(const nlohmann::json& json);

// The blob's checksum as LocalModelFacts keeps it: the one Model::save() ends it with, in hex.
std::string blob_checksum(std::span<const std::uint8_t> blob);

// Saved with the experiment: the settings and the facts (never the weights).
nlohmann::json to_json(const LocalModelState& local);
void restore_local_model(LocalModelState& local, const nlohmann::json& json);
// state().localModel, documented in the README; `train_rows` is the split's (for autoEpochs).
nlohmann::json local_model_json(const LocalModelState& local, std::size_t train_rows);
// state().localModel.allRows: the setting, the rows it would learn from (or why it cannot), the read under way.
nlohmann::json all_rows_json(const State& state);

}  // namespace tb::workflow
