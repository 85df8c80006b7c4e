#include <algorithm>
#include <cstdio>

#include "core/eval/local_candidate.h"
#include "core/linear/learning_curve.h"
#include "core/text/format.h"
#include "core/workflow/intents.h"

namespace tb::workflow {

namespace {

struct Labelled {
    std::vector<std::string> texts;
    std::vector<int> labels;
};

// The rows' texts and their class indices, -1 for a label not among the classes.
Labelled labelled(const std::vector<data::SplitRow>& rows, const std::vector<std::string>& classes, int text_column) {
    Labelled out;
    for (const data::SplitRow& row : rows) {
        out.texts.emplace_back(data::field_of(row, text_column));
        out.labels.push_back(data::class_index(classes, row.label));
    }
    return out;
}

eval::Candidate candidate_of(const LocalModelFacts& facts) {
    return eval::local_candidate(local_model_label(facts), facts.origin == "trained" ? "local " + facts.training_rows
                                                                                    : "file " + facts.origin);
}

// The chosen settings of a linear model: its n-gram length and strength.
void take_linear_settings(LocalModelFacts& facts, const linear::LinearModel& model) {
    facts.ngram = model.features().max_ngram();
    facts.chars = model.features().chars();
    facts.strength = model.strength();
}

// The model and what is known of it replace the one in hand; its candidate answers the test rows.
void keep(State& state, eval::LocalClassifier model, LocalModelFacts facts) {
    LocalModelState& local = state.local;
    local.unsaved_blob = model.save();
    facts.model_bytes = local.unsaved_blob.size();
    facts.checksum = blob_checksum(local.unsaved_blob);
    facts.kind = model.kind();
    if (const train::Model* fasttext = model.fasttext()) facts.hp = fasttext->hyperparameters();
    if (const linear::LinearModel* linear = model.linear()) take_linear_settings(facts, *linear);
    facts.candidate = eval::candidate_id(candidate_of(facts));
    local.model = std::move(model);
    local.facts = std::move(facts);
    local.weights = LocalModelState::Weights::Unsaved;
    local.error.clear();
    state.unsaved = true;
    if (eval::Evaluation* old = state.eval.find(local.facts.candidate)) {
        old->answers.clear();  // the same settings on the same rows: the new model answers afresh
        old->failed.clear();
    }
    if (const std::string why = answer_with_local_model(state); !why.empty()) state.set_status(Status::Level::Error, why);
}

std::string class_list(const std::vector<std::string>& classes) {
    std::string out;
    for (const auto& c : classes) out += (out.empty() ? "" : ", ") + c;
    return out;
}

// Training of the kind and settings chosen, on these rows (validation may be empty: no checks).
std::unique_ptr<eval::LocalTraining> training_of(eval::LocalKind kind, const train::Hyperparameters& hp,
                                                 const linear::SearchSettings& search, Labelled train_rows,
                                                 Labelled validation_rows, const std::vector<std::string>& classes) {
    if (kind == eval::LocalKind::Linear) {
        return std::make_unique<eval::LocalTraining>(std::make_unique<linear::LinearSearch>(
            std::move(train_rows.texts), std::move(train_rows.labels), std::move(validation_rows.texts),
            std::move(validation_rows.labels), classes, search));
    }
    return std::make_unique<eval::LocalTraining>(std::make_unique<train::TrainingRun>(
        train_rows.texts, train_rows.labels, std::move(validation_rows.texts), std::move(validation_rows.labels), classes, hp,
        validation_checks_per_epoch(hp.epochs)));
}

std::string accuracy_text(double accuracy) {
    char text[16];
    std::snprintf(text, sizeof text, "%.3f", accuracy);
    return text;
}

}  // namespace

std::string local_model_label(const LocalModelFacts& facts) {
    const std::string model = facts.kind == eval::LocalKind::FastText ? eval::hyperparameters_label(facts.hp)
                                                                      : eval::linear_label(facts.ngram, facts.chars, facts.strength);
    return facts.all_rows ? model + " · every labelled row (" + text::with_commas(facts.train_rows) + ")" : model;
}

std::string not_scored_here_because(const State& state, const LocalModelFacts& facts) {
    if (facts.origin != "trained" || facts.training_rows.empty() || !state.data.dataset) return {};
    const std::string& here = !state.eval.split.training_rows.empty()
                                  ? state.eval.split.training_rows
                                  : eval::training_fingerprint(state.data.dataset->split.train);
    if (facts.training_rows == here || facts.training_rows == eval::held_out_fingerprint(state.data.dataset->split)) {
        return {};
    }
    if (eval::learnt_from_every_row(facts.training_rows)) {
        return "The in-browser classifier learnt from every labelled row outside another split's validation and test "
               "rows, some of which are test rows now: train it again on this split.";
    }
    return "The in-browser classifier learnt from another split's training rows, some of which may be test rows "
           "now: train it again on this split.";
}

train::Hyperparameters training_hyperparameters(const LocalModelState& local, std::size_t train_rows) {
    train::Hyperparameters hp = local.settings;
    if (local.auto_epochs) hp.epochs = train::auto_epochs(train_rows);
    return hp;
}

int validation_checks_per_epoch(int epochs) {
    constexpr int kChecksPerEpoch = 4, kChecksPerRun = 100;
    return std::clamp(kChecksPerRun / std::max(epochs, 1), 1, kChecksPerEpoch);
}

std::unique_ptr<AllRowsRead> make_all_rows_read(const State& state) {
    const Dataset& dataset = *state.data.dataset;
    auto read = std::make_unique<AllRowsRead>();
    read->loader = std::make_unique<data::Loader>(dataset.loader->settings());
    read->rows = std::make_unique<data::AllRowsGatherer>(dataset.split, all_rows_plan(state));
    read->loader->on_eligible([rows = read->rows.get()](std::uint64_t row, std::uint64_t key, const std::string& label,
                                                        std::string_view text) { rows->add(row, key, label, text); });
    read->handle = dataset.file.handle;
    read->file = dataset.file.name;
    read->bytes = dataset.file.bytes;
    read->learnt = eval::held_out_fingerprint(dataset.split);
    return read;
}

std::string rows_read_failed_because(AllRowsRead& read, const std::string& error) {
    if (!error.empty()) return error;
    read.loader->finish();
    if (const csv::Status status = read.loader->reader().status(); status != csv::Status::Ok) {
        const csv::StatusText text = csv::describe(status);
        return std::string(text.what) + " " + std::string(text.todo);
    }
    return read.rows->check();
}

std::string all_rows_unavailable_because(const State& state) {
    return reread_unavailable_because(state, "to learn from every labelled row");
}

data::AllRowsPlan all_rows_plan(const State& state) {
    const Dataset& dataset = *state.data.dataset;
    return data::plan_all_rows(dataset.loader->ingest(), dataset.split, kAllRowsLimit);
}

std::string more_rows_hint(const State& state) {
    const LocalModelFacts& facts = state.local.facts;
    if (facts.all_rows || facts.origin != "trained" || !linear::learning_curve_rises(facts.learning_curve)) return {};
    if (!all_rows_unavailable_because(state).empty()) return {};
    const data::AllRowsPlan plan = all_rows_plan(state);
    if (plan.rows <= facts.train_rows) return {};
    return "This file has " + text::with_commas(plan.rows) +
           " labelled rows outside validation and test: choose \"every labelled row…\" under Learn from, above, and "
           "train again to learn from them.";
}

std::size_t rows_to_learn_from(const State& state) {
    if (!state.data.dataset) return 0;
    if (!state.local.all_rows || !all_rows_unavailable_because(state).empty()) return state.data.dataset->split.train.size();
    const data::AllRowsPlan plan = all_rows_plan(state);
    return static_cast<std::size_t>(std::min(plan.rows, plan.limit));
}

nlohmann::json all_rows_json(const State& state) {
    const LocalModelState& local = state.local;
    nlohmann::json out = {{"on", local.all_rows}, {"unavailable", all_rows_unavailable_because(state)}};
    if (out["unavailable"] == "") {
        const data::AllRowsPlan plan = all_rows_plan(state);
        out["rows"] = plan.rows;
        out["limit"] = plan.limit;
        out["sampled"] = plan.sampled();
    }
    if (const AllRowsRead* read = local.all_rows_read.get()) {
        out["reading"] = {{"bytesRead", read->loader->reader().stats().bytes},
                          {"bytes", read->bytes},
                          {"rowsTaken", read->rows->rows().size()}};
    }
    return out;
}

namespace {

// Starts the run on `rows` (the split's training rows, or every labelled row outside validation and
// test), scored on the split's validation rows; `learnt` is their fingerprint for the facts.
void begin_run(State& state, Labelled rows, std::string learnt, bool all_rows) {
    LocalModelState& local = state.local;
    const Dataset& dataset = *state.data.dataset;
    const data::Split& split = dataset.split;
    const std::size_t row_count = rows.texts.size();
    const train::Hyperparameters hp = training_hyperparameters(local, row_count);
    if (const std::string why = train::check(hp); local.kind == eval::LocalKind::FastText && !why.empty()) {
        state.set_status(Status::Level::Error, "These settings cannot be trained with: " + why + ".");
        return;
    }
    local.split_run.reset();  // the model whose settings it repeated is about to be replaced
    local.run = training_of(local.kind, hp, local.linear_settings, std::move(rows),
                            labelled(split.validation, split.classes, dataset.summary.text_column), split.classes);
    local.run_facts = LocalModelFacts{};
    local.run_facts.kind = local.kind;
    local.run_facts.hp = hp;
    local.run_facts.search = local.linear_settings;
    local.run_facts.classes = split.classes.size();
    local.run_facts.origin = "trained";
    local.run_facts.training_rows = std::move(learnt);
    local.run_facts.all_rows = all_rows;
    local.run_facts.train_rows = row_count;
    local.run_facts.validation_rows = split.validation.size();
    local.run_seconds = 0;
    local.error.clear();
    // Short enough for the status line at 1024 px.
    const std::string tried = local.kind == eval::LocalKind::Linear
                                  ? ": " + std::to_string(local.run->linear()->grid_size()) + " settings to try"
                                  : "";
    state.set_status(Status::Level::Info, "Training the in-browser classifier on " + text::with_commas(row_count) +
                                              (all_rows ? " rows, every labelled row outside validation and test"
                                                        : " rows") +
                                              tried + "…");
}

// Asks the app to read the file again, handing every eligible row to a gatherer.
void start_all_rows_read(State& state) {
    LocalModelState& local = state.local;
    if (const std::string why = all_rows_unavailable_because(state); !why.empty()) {
        state.set_status(Status::Level::Error, why);
        return;
    }
    const Dataset& dataset = *state.data.dataset;
    const data::AllRowsPlan plan = all_rows_plan(state);
    local.run.reset();
    local.split_run.reset();
    local.all_rows_read = make_all_rows_read(state);
    local.error.clear();
    state.set_status(Status::Level::Info, "Reading " + dataset.file.name + " again for its " +
                                              text::with_commas(plan.rows) +
                                              " labelled rows outside validation and test" +
                                              (plan.sampled() ? " (a seeded sample of about " +
                                                                    text::with_commas(plan.limit) + " of them)…"
                                                              : "…"));
}

}  // namespace

void start_local_training(State& state) {
    LocalModelState& local = state.local;
    if (!state.data.dataset) {
        state.set_status(Status::Level::Error, "Open a dataset first: the model learns from the split's training rows.");
        return;
    }
    const Dataset& dataset = *state.data.dataset;
    const data::Split& split = dataset.split;
    if (split.classes.size() < 2 || split.train.empty()) {
        state.set_status(Status::Level::Error, "The split needs training rows of at least two classes to train on.");
        return;
    }
    local.all_rows_read.reset();
    if (local.all_rows) {
        start_all_rows_read(state);
        return;
    }
    begin_run(state, labelled(split.train, split.classes, dataset.summary.text_column),
              eval::training_fingerprint(split.train), false);
}

void finish_all_rows_read(State& state, const std::string& error) {
    LocalModelState& local = state.local;
    if (!local.all_rows_read || !state.data.dataset) return;
    const std::unique_ptr<AllRowsRead> read = std::move(local.all_rows_read);
    if (const std::string why = rows_read_failed_because(*read, error); !why.empty()) {
        local.error = read->file + " could not be read again for every labelled row: " + why;
        state.set_status(Status::Level::Error, local.error);
        return;
    }
    begin_run(state, Labelled{std::move(read->rows->texts()), read->rows->labels()}, read->learnt, true);
}

void stop_local_training_on_other_rows(State& state) {
    LocalModelState& local = state.local;
    if (!state.data.dataset) return;
    const data::Split& split = state.data.dataset->split;
    if (local.all_rows_read && local.all_rows_read->learnt != eval::held_out_fingerprint(split)) {
        local.all_rows_read.reset();
        local.error = "training stopped, as the split changed before it began: train again on the new split";
    }
    if (!local.run) return;
    const std::string learnt =
        local.run_facts.all_rows ? eval::held_out_fingerprint(split) : eval::training_fingerprint(split.train);
    if (local.run_facts.training_rows == learnt) return;
    local.run.reset();
    local.error = "training stopped, as the split changed before it ended: train again on the new split";
}

bool start_next_split_training(State& state) {
    LocalModelState& local = state.local;
    const EvalState& ev = state.eval;
    if (local.run || local.split_run || !local.model || !state.data.dataset || ev.repeats < 2) return false;
    const eval::Evaluation* evaluation = ev.find(local.facts.candidate);
    if (evaluation == nullptr || !eval::repeatable(evaluation->candidate)) return false;
    for (std::size_t k = 0; k < ev.splits.size() && k < ev.split_fingerprints.size(); ++k) {
        const data::Split& split = ev.splits[k];
        const std::string id = eval::local_split_id(evaluation->candidate, ev.split_fingerprints[k]);
        if (id == evaluation->id || ev.local_split_accuracy.count(id) != 0) continue;
        const Labelled rows = labelled(split.train, split.classes, state.data.dataset->summary.text_column);
        // The model in hand's own settings (for a linear model, the ones its search chose), and no
        // validation checks: only the test score of each split counts.
        linear::SearchSettings chosen;
        chosen.ngrams = {std::max(1, local.facts.ngram)};
        chosen.chars = local.facts.chars;
        chosen.strengths = {local.facts.strength > 0 ? local.facts.strength : 1.0};
        chosen.learning_curve = false;
        local.split_run = training_of(local.facts.kind, local.facts.hp, chosen, rows, Labelled{}, split.classes);
        local.split_run_id = id;
        local.split_run_index = k;
        return true;
    }
    return false;
}

void finish_split_training(State& state) {
    LocalModelState& local = state.local;
    if (!local.split_run) return;
    std::unique_ptr<eval::LocalTraining> run = std::move(local.split_run);
    EvalState& ev = state.eval;
    // The splits may have been drawn again meanwhile: a score counts only for the split it was trained on.
    if (!run->error().empty() || !state.data.dataset || local.split_run_index >= ev.splits.size()) return;
    const data::Split& split = ev.splits[local.split_run_index];
    const eval::Evaluation* evaluation = ev.find(local.facts.candidate);
    if (evaluation == nullptr || local.split_run_index >= ev.split_fingerprints.size() ||
        eval::local_split_id(evaluation->candidate, ev.split_fingerprints[local.split_run_index]) != local.split_run_id ||
        split.test.empty()) {
        return;
    }
    // Answered as the model in hand answers its own split, then counted as any candidate is.
    eval::Evaluation answers = eval::make_evaluation(evaluation->candidate);
    eval::answer_with_model(answers, run->take_model(), split.test, state.data.dataset->summary.text_column);
    const eval::Tally counted = eval::tally(answers, split.test);
    ev.local_split_accuracy[local.split_run_id] = static_cast<double>(counted.correct) / static_cast<double>(counted.rows);
    ev.reports_stale = true;
    state.eval_unsaved = true;
}

void finish_local_training(State& state, double seconds) {
    LocalModelState& local = state.local;
    if (!local.run) return;
    std::unique_ptr<eval::LocalTraining> run = std::move(local.run);
    if (!run->error().empty()) {
        local.error = run->error();
        state.set_status(Status::Level::Error, "The in-browser classifier could not be trained: " + local.error + ".");
        return;
    }
    LocalModelFacts facts = std::move(local.run_facts);
    if (const train::TrainingRun* fasttext = run->fasttext()) {
        facts.curve = fasttext->trainer().loss_curve();
        facts.validation = fasttext->validation_curve();
    }
    std::string chosen;
    if (const linear::LinearSearch* search = run->linear()) {
        facts.trials = search->trials();
        facts.best = search->best().value_or(0);
        facts.learning_curve = search->learning_curve();
        if (facts.validation_rows > 0 && facts.best < facts.trials.size()) {
            const linear::Trial& best = facts.trials[facts.best];
            facts.validation = {train::ValidationPoint{1, 0, best.loss, best.accuracy, facts.validation_rows}};
            char strength[32];
            std::snprintf(strength, sizeof strength, "%g", best.strength);
            // On many rows the grid is tried on a sample, and the choice fitted on every row after it.
            const std::string sample = search->tuning_rows() < facts.train_rows
                                           ? " tried on " + text::with_commas(search->tuning_rows()) + " of the rows"
                                           : "";
            chosen = " (best of " + std::to_string(search->grid_size()) + " settings" + sample + ": " +
                     eval::linear_features_label(best.ngram, best.chars) + ", C " + strength + ")";
        }
    }
    facts.seconds = seconds;
    keep(state, run->take_model(), std::move(facts));
    std::string message = "Trained the in-browser classifier in " + text::format_duration(seconds);
    if (!local.facts.validation.empty()) message += ": validation accuracy " + accuracy_text(local.facts.validation.back().accuracy);
    state.set_status(Status::Level::Info, message + chosen + ". It is a candidate in Evaluate.");
}

std::string adopt_local_model(State& state, std::span<const std::uint8_t> blob, const std::string& file_name) {
    std::string error;
    std::optional<eval::LocalClassifier> model = eval::LocalClassifier::load(blob, &error);
    if (!model) return file_name + " is not a Tuneboard model: " + error + ".";
    if (!state.data.dataset) return "Open a dataset first: the model answers the split's test rows.";
    std::vector<std::string> ours = state.data.dataset->split.classes, theirs = model->classes();
    std::sort(ours.begin(), ours.end());
    std::sort(theirs.begin(), theirs.end());
    if (ours != theirs) {
        return file_name + " knows the classes " + class_list(model->classes()) + "; this split has " +
               class_list(state.data.dataset->split.classes) + ". Load a model trained on the same classes.";
    }
    LocalModelFacts facts;
    facts.origin = file_name;
    facts.classes = model->classes().size();
    keep(state, std::move(*model), std::move(facts));
    state.set_status(Status::Level::Info, "Loaded the in-browser classifier from " + file_name +
                                              ". It answered the test rows: if it learnt from some of them, its "
                                              "score is too high.");
    return {};
}

std::string restore_local_weights(State& state, std::span<const std::uint8_t> blob) {
    LocalModelState& local = state.local;
    std::string error;
    std::optional<eval::LocalClassifier> model = eval::LocalClassifier::load(blob, &error);
    if (!model || blob_checksum(blob) != local.facts.checksum) {
        local.weights = LocalModelState::Weights::Missing;
        return "The in-browser classifier's weights could not be restored (" +
               (model ? std::string("they are not the ones saved") : error) + "): train it again to use it.";
    }
    local.model = std::move(*model);
    local.weights = LocalModelState::Weights::Saved;
    return {};
}

std::string answer_with_local_model(State& state) {
    LocalModelState& local = state.local;
    if (!local.model) return "No in-browser classifier is loaded: train one in Fine-tune.";
    if (!state.data.dataset) return "Open a dataset first.";
    const Dataset& dataset = *state.data.dataset;
    if (std::string why = not_scored_here_because(state, local.facts); !why.empty()) return why;
    eval::Evaluation* evaluation = state.eval.find(local.facts.candidate);
    if (evaluation == nullptr) {
        state.eval.evaluations.push_back(eval::make_evaluation(candidate_of(local.facts)));
        evaluation = &state.eval.evaluations.back();
    }
    eval::answer_with_model(*evaluation, *local.model, dataset.split.test, dataset.summary.text_column);
    evaluation->phase = eval::Phase::Idle;
    evaluation->stopped_because.clear();
    state.eval.reports_stale = true;
    state.eval_unsaved = true;
    return {};
}

bool apply_local_model(State& state, const Intent& intent) {
    LocalModelState& local = state.local;
    if (const auto* settings = std::get_if<SetLocalSettings>(&intent)) {
        local.settings = settings->hp;
        local.auto_epochs = settings->auto_epochs;
        state.unsaved = true;
    } else if (const auto* kind = std::get_if<SetLocalKind>(&intent)) {
        local.kind = kind->kind;
        state.unsaved = true;
    } else if (const auto* search = std::get_if<SetLinearSettings>(&intent)) {
        local.linear_settings = search->settings;
        state.unsaved = true;
    } else if (std::holds_alternative<TrainLocalModel>(intent)) {
        start_local_training(state);
    } else if (const auto* all_rows = std::get_if<SetLocalAllRows>(&intent)) {
        local.all_rows = all_rows->all_rows;
        state.unsaved = true;
    } else if (std::holds_alternative<CancelLocalTraining>(intent)) {
        if (local.run || local.split_run || local.all_rows_read) {
            state.set_status(Status::Level::Info, "Stopped training; the model in hand, if any, stays.");
        }
        local.all_rows_read.reset();  // the app stops its read
        local.run.reset();
        local.split_run.reset();
    } else if (std::holds_alternative<AddLocalCandidate>(intent)) {
        if (const std::string why = answer_with_local_model(state); !why.empty()) {
            state.set_status(Status::Level::Error, why);
        }
    } else {
        return false;
    }
    return true;
}

}  // namespace tb::workflow
