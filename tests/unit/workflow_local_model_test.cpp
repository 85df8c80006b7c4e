#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>

#include "core/eval/local_candidate.h"
#include "core/eval/repeats.h"
#include "core/train/scores.h"
#include "core/train/trainer.h"
#include "core/workflow/curve_readings.h"
#include "core/workflow/experiment.h"
#include "core/workflow/intents.h"
#include "train_fixtures.h"

using namespace tb;
using namespace tb::workflow;

namespace {

// A state whose split holds the toy topics: 120 training, 30 validation and 60 test rows.
State with_toy_split() {
    State state;
    Dataset dataset;
    dataset.file.name = "toy.csv";
    dataset.summary.header = {"label", "text"};
    dataset.summary.text_column = 1;
    dataset.summary.label_column = 0;
    dataset.split.classes = train::kClasses;
    const train::Labelled rows = train::toy_set(210, 11);
    for (std::uint64_t i = 0; i < rows.texts.size(); ++i) {
        const std::string& label = train::kClasses[static_cast<std::size_t>(rows.labels[i])];
        data::SplitRow row{i + 1, i, label, {label, rows.texts[i]}};  // row 0 is the header
        (i < 120 ? dataset.split.train : i < 150 ? dataset.split.validation : dataset.split.test).push_back(row);
    }
    state.data.dataset = std::move(dataset);
    // These cases are the fastText-style model's; the TF-IDF model's are at the end.
    state.local.kind = eval::LocalKind::FastText;
    state.local.settings = train::toy_hp();
    state.local.auto_epochs = false;  // the toy's 4 epochs: quick, and enough for its separable topics
    return state;
}

void train_to_the_end(State& state) {
    REQUIRE(state.local.run);
    while (!state.local.run->done()) state.local.run->step(100);
    finish_local_training(state, 1.5);
}

}  // namespace

TEST_CASE("local model: trained on the split, it is a candidate answering every test row", "[local]") {
    State state = with_toy_split();
    REQUIRE(apply(state, TrainLocalModel{}));
    REQUIRE(state.local.run);
    CHECK(state.local.run->fasttext()->validation_rows() == 30);
    train_to_the_end(state);
    CHECK_FALSE(state.local.run);
    REQUIRE(state.local.model);
    const LocalModelFacts& facts = state.local.facts;
    CHECK(facts.origin == "trained");
    CHECK(facts.train_rows == 120);
    CHECK(facts.validation.size() == 4 * 4 + 1);
    CHECK(facts.seconds == 1.5);
    CHECK(facts.model_bytes == state.local.unsaved_blob.size());
    CHECK(facts.checksum == blob_checksum(state.local.unsaved_blob));
    CHECK(state.local.weights == LocalModelState::Weights::Unsaved);
    CHECK(state.unsaved);
    char accuracy[16];
    std::snprintf(accuracy, sizeof accuracy, "%.3f", facts.validation.back().accuracy);
    CHECK(state.status.text == "Trained the in-browser classifier in 1.5 s: validation accuracy " +
                                   std::string(accuracy) + ". It is a candidate in Evaluate.");

    REQUIRE(state.eval.evaluations.size() == 1);
    const eval::Evaluation& e = state.eval.evaluations[0];
    CHECK(e.id == facts.candidate);
    CHECK(e.candidate.method == eval::Method::Local);
    CHECK(eval::candidate_name(e.candidate) == "In-browser classifier · dim 10 · 4 epochs · word 2-grams · 5000 buckets");
    CHECK(e.answers.size() == 60);
    // Its answers are the model's own predictions.
    std::size_t correct = 0;
    for (const data::SplitRow& row : state.data.dataset->split.test) {
        const int predicted = state.local.model->predict_label(row.fields[1]);
        CHECK(e.answers.at(row.row).label == train::kClasses[static_cast<std::size_t>(predicted)]);
        correct += e.answers.at(row.row).label == row.label;
    }
    rebuild_reports(state.eval, &state.data.dataset->split, 1, prompt::PriceTable{});
    REQUIRE(state.eval.reports.size() == 1);
    CHECK(state.eval.reports[0].tally.correct == correct);
    CHECK(state.eval.reports[0].cost == 0.0);
    CHECK(eval::repeatable(e.candidate));  // by training again on each split

    // Trained again with the same settings on the same rows: the same candidate, answered afresh.
    apply(state, TrainLocalModel{});
    train_to_the_end(state);
    CHECK(state.eval.evaluations.size() == 1);
    // Other settings: a candidate of their own, the first one's answers kept.
    train::Hyperparameters other = train::toy_hp();
    other.epochs = 2;
    apply(state, SetLocalSettings{other});
    apply(state, TrainLocalModel{});
    train_to_the_end(state);
    REQUIRE(state.eval.evaluations.size() == 2);
    CHECK(state.eval.evaluations[0].answers.size() == 60);
    CHECK(state.eval.evaluations[1].candidate.model == "dim 10 · 2 epochs · word 2-grams · 5000 buckets");
}

TEST_CASE("local model: nothing to train on, bad settings, cancel", "[local]") {
    State empty;
    apply(empty, TrainLocalModel{});
    CHECK_FALSE(empty.local.run);
    CHECK(empty.status.text.find("Open a dataset first") != std::string::npos);

    State state = with_toy_split();
    train::Hyperparameters bad = train::toy_hp();
    bad.dim = 0;
    apply(state, SetLocalSettings{bad});
    apply(state, TrainLocalModel{});
    CHECK_FALSE(state.local.run);
    CHECK(state.status.level == Status::Level::Error);

    apply(state, SetLocalSettings{train::toy_hp()});
    apply(state, TrainLocalModel{});
    state.local.run->step(500);
    apply(state, CancelLocalTraining{});
    CHECK_FALSE(state.local.run);
    CHECK_FALSE(state.local.model);
    CHECK(state.eval.evaluations.empty());

    // The split drawn again on the same rows goes on; on other rows it stops, and says why.
    apply(state, TrainLocalModel{});
    stop_local_training_on_other_rows(state);
    CHECK(state.local.run);
    std::swap(state.data.dataset->split.train[0], state.data.dataset->split.test[0]);
    stop_local_training_on_other_rows(state);
    CHECK_FALSE(state.local.run);
    CHECK(state.local.error.find("the split changed") != std::string::npos);
}

TEST_CASE("local model: saved facts, weights restored only when they match", "[local]") {
    State state = with_toy_split();
    apply(state, TrainLocalModel{});
    train_to_the_end(state);
    const std::vector<std::uint8_t> blob = state.local.unsaved_blob;

    State restored;
    REQUIRE(restore_experiment(restored, experiment_to_json(state)).empty());
    const LocalModelFacts& facts = restored.local.facts;
    CHECK(facts.candidate == state.local.facts.candidate);
    CHECK(facts.checksum == state.local.facts.checksum);
    CHECK(facts.hp == train::toy_hp());
    REQUIRE(facts.curve.size() == state.local.facts.curve.size());
    CHECK(facts.curve.back().train_loss == state.local.facts.curve.back().train_loss);
    REQUIRE(facts.validation.size() == 17);
    CHECK(facts.validation.back().accuracy == state.local.facts.validation.back().accuracy);
    CHECK(restored.local.weights == LocalModelState::Weights::Loading);
    CHECK_FALSE(restored.local.model);
    CHECK(restored.eval.evaluations.size() == 1);

    // Weights of another model are refused, with what to do.
    std::vector<std::uint8_t> other = blob;
    other[other.size() / 2] ^= 1;
    CHECK(restore_local_weights(restored, other).find("train it again") != std::string::npos);
    CHECK(restored.local.weights == LocalModelState::Weights::Missing);
    CHECK_FALSE(restored.local.model);
    // A sound model, but not the one saved: refused too.
    State other_state = with_toy_split();
    train::Hyperparameters two_epochs = train::toy_hp();
    two_epochs.epochs = 2;
    apply(other_state, SetLocalSettings{two_epochs});
    apply(other_state, TrainLocalModel{});
    train_to_the_end(other_state);
    CHECK(restore_local_weights(restored, other_state.local.unsaved_blob).find("not the ones saved") != std::string::npos);
    CHECK_FALSE(restored.local.model);
    CHECK(restore_local_weights(restored, blob).empty());
    CHECK(restored.local.weights == LocalModelState::Weights::Saved);
    REQUIRE(restored.local.model);

    // The answers stay; Run answers rows the candidate lacks with the model in hand.
    eval::Evaluation& e = restored.eval.evaluations[0];
    e.answers.erase(e.answers.begin());
    apply(restored, RunEvaluation{e.id});
    CHECK(e.answers.size() == 60);
    CHECK(e.phase == eval::Phase::Idle);
}

TEST_CASE("local model: never scored on a split whose training rows it did not learn from", "[local]") {
    State state = with_toy_split();
    apply(state, TrainLocalModel{});
    train_to_the_end(state);
    auto& split = state.data.dataset->split;
    std::swap(split.train[0], split.test[0]);  // a test row it learnt from
    state.eval.evaluations[0].answers.clear();
    apply(state, RunEvaluation{});
    CHECK(state.eval.evaluations[0].answers.empty());
    CHECK(state.eval.evaluations[0].stopped_because.find("another split") != std::string::npos);
    state.local.model.reset();
    apply(state, RunEvaluation{});
    CHECK(state.eval.evaluations[0].stopped_because.find("no longer in hand") != std::string::npos);
}

TEST_CASE("local model: loaded from a file, checked against the split's classes", "[local]") {
    State trained = with_toy_split();
    apply(trained, TrainLocalModel{});
    train_to_the_end(trained);
    const std::vector<std::uint8_t> blob = trained.local.unsaved_blob;

    State state = with_toy_split();
    CHECK(adopt_local_model(state, std::span<const std::uint8_t>(blob.data(), 10), "cut.tbmodel")
              .find("cut.tbmodel is not a Tuneboard model") == 0);
    state.data.dataset->split.classes = {"sport", "finance"};
    CHECK(adopt_local_model(state, blob, "toy.tbmodel").find("this split has sport, finance") != std::string::npos);
    state.data.dataset->split.classes = {"weather", "sport", "finance"};  // the same classes in another order
    REQUIRE(adopt_local_model(state, blob, "toy.tbmodel").empty());
    CHECK(state.local.facts.origin == "toy.tbmodel");
    CHECK(state.local.facts.checksum == trained.local.facts.checksum);
    REQUIRE(state.eval.evaluations.size() == 1);
    CHECK(state.eval.evaluations[0].candidate.source == "file toy.tbmodel");
    const auto& ours = state.eval.evaluations[0].answers;
    const auto& theirs = trained.eval.evaluations[0].answers;
    REQUIRE(ours.size() == theirs.size());
    for (const auto& [row, answer] : theirs) CHECK(ours.at(row).label == answer.label);
}

TEST_CASE("local model: the label names its settings, the fingerprint its rows", "[local]") {
    train::Hyperparameters hp;
    CHECK(eval::hyperparameters_label(hp) == "dim 50 · 5 epochs · word 2-grams");
    hp.word_ngrams = 1;
    hp.lr = 0.25;
    hp.minn = 3;
    hp.maxn = 6;
    hp.seed = 9;
    hp.epochs = 1;
    CHECK(eval::hyperparameters_label(hp) == "dim 50 · 1 epoch · words only · lr 0.25 · char 3–6-grams · seed 9");
    std::vector<data::SplitRow> rows = {{1, 0, "A", {}}, {2, 0, "B", {}}};
    const std::string a = eval::training_fingerprint(rows);
    CHECK(a.size() == 16);
    std::swap(rows[0], rows[1]);
    CHECK(eval::training_fingerprint(rows) == a);  // the same rows, listed in another order
    rows[0].row = 3;
    CHECK(eval::training_fingerprint(rows) != a);
    rows[0].row = 2;
    rows[1].label = "B";
    CHECK(eval::training_fingerprint(rows) != a);
    rows[1].label = "A";
    CHECK(eval::training_fingerprint(rows) == a);
}

TEST_CASE("local model: repeated over splits, trained again on each split's training rows", "[local]") {
    State state = with_toy_split();
    apply(state, TrainLocalModel{});
    train_to_the_end(state);
    const std::string id = state.local.facts.candidate;
    apply(state, SetRepeats{3});
    rebuild_reports(state.eval, &state.data.dataset->split, 5, prompt::PriceTable{});
    REQUIRE(state.eval.splits.size() == 3);
    CHECK(state.eval.repeat(id)->excluded_because.empty());
    CHECK(state.eval.repeat(id)->accuracies.size() == 1);  // its own split, from its answers

    // One split after the other, each with the model's settings, none for the split it learnt from.
    std::vector<std::size_t> trained;
    while (start_next_split_training(state)) {
        CHECK_FALSE(start_next_split_training(state));  // one at a time
        trained.push_back(state.local.split_run_index);
        while (!state.local.split_run->done()) state.local.split_run->step(100);
        finish_split_training(state);
        CHECK_FALSE(state.local.split_run);
    }
    CHECK(trained == std::vector<std::size_t>{1, 2});
    REQUIRE(state.eval.local_split_accuracy.size() == 2);
    rebuild_reports(state.eval, &state.data.dataset->split, 5, prompt::PriceTable{});
    const eval::RepeatScores* repeat = state.eval.repeat(id);
    REQUIRE(repeat->accuracies.size() == 3);

    // Each split's score is that of a model trained on its rows alone, on its test rows.
    for (std::size_t k = 1; k < 3; ++k) {
        const data::Split& split = state.eval.splits[k];
        std::vector<std::string> texts;
        std::vector<int> labels;
        for (const auto& row : split.train) {
            texts.push_back(row.fields[1]);
            labels.push_back(static_cast<int>(std::find(split.classes.begin(), split.classes.end(), row.label) -
                                              split.classes.begin()));
        }
        train::Trainer alone(texts, labels, split.classes, train::toy_hp());
        while (!alone.done()) alone.step(1000);
        std::size_t correct = 0;
        for (const auto& row : split.test) {
            correct += split.classes[static_cast<std::size_t>(alone.model().predict_label(row.fields[1]))] == row.label;
        }
        CHECK(repeat->accuracies[k] == static_cast<double>(correct) / static_cast<double>(split.test.size()));
    }

    // Kept with the answers; a model loaded from a file is not repeated (its training rows are unknown).
    EvalState restored;
    restore_eval(restored, to_json(state.eval));
    CHECK(restored.local_split_accuracy == state.eval.local_split_accuracy);
    CHECK_FALSE(eval::not_repeatable_because(eval::local_candidate(eval::hyperparameters_label(train::toy_hp()), "file toy.tbmodel")).empty());
    // Nothing starts while the model itself trains.
    state.eval.local_split_accuracy.clear();
    apply(state, TrainLocalModel{});
    CHECK_FALSE(start_next_split_training(state));
}

TEST_CASE("local model: the default kind is TF-IDF + logistic regression, its trials kept with the model", "[local]") {
    State state = with_toy_split();
    state.local.kind = LocalModelState{}.kind;
    CHECK(state.local.kind == eval::LocalKind::Linear);
    linear::SearchSettings grid;
    grid.strengths = {1, 10};
    apply(state, SetLinearSettings{grid});
    REQUIRE(apply(state, TrainLocalModel{}));
    REQUIRE(state.local.run);
    REQUIRE(state.local.run->linear());
    CHECK(state.status.text == "Training the in-browser classifier on 120 rows: 4 settings to try…");
    train_to_the_end(state);
    REQUIRE(state.local.model);
    const LocalModelFacts& facts = state.local.facts;
    CHECK(facts.kind == eval::LocalKind::Linear);
    REQUIRE(facts.trials.size() == 4);
    CHECK(facts.learning_curve.size() == 3);
    const linear::Trial& best = facts.trials[facts.best];
    CHECK(facts.ngram == best.ngram);
    CHECK(facts.strength == best.strength);
    REQUIRE(facts.validation.size() == 1);
    CHECK(facts.validation[0].accuracy == best.accuracy);
    CHECK(state.status.text.find(std::string("(best of 4 settings: ") + (best.ngram == 2 ? "words and pairs" : "words") +
                                 ", C " + (best.strength == 1 ? "1" : "10") + ")") != std::string::npos);

    // The candidate answers every test row with the model's predictions.
    REQUIRE(state.eval.evaluations.size() == 1);
    const eval::Evaluation& e = state.eval.evaluations[0];
    CHECK(e.candidate.model == eval::linear_label(best.ngram, best.chars, best.strength));
    CHECK(e.answers.size() == 60);
    for (const data::SplitRow& row : state.data.dataset->split.test) {
        const int predicted = state.local.model->predict_label(row.fields[1]);
        CHECK(e.answers.at(row.row).label == train::kClasses[static_cast<std::size_t>(predicted)]);
    }

    // Saved and restored: the facts, then the weights by their checksum.
    State restored;
    REQUIRE(restore_experiment(restored, experiment_to_json(state)).empty());
    CHECK(restored.local.kind == eval::LocalKind::Linear);
    CHECK(restored.local.linear_settings == grid);
    const LocalModelFacts& back = restored.local.facts;
    CHECK(back.kind == eval::LocalKind::Linear);
    REQUIRE(back.trials.size() == 4);
    CHECK(back.trials[facts.best].accuracy == best.accuracy);
    CHECK(back.trials[facts.best].strength == best.strength);
    CHECK(back.best == facts.best);
    CHECK(back.learning_curve.size() == 3);
    CHECK(back.learning_curve[0].rows == facts.learning_curve[0].rows);
    CHECK(back.candidate == facts.candidate);
    CHECK(local_model_label(back) == e.candidate.model);
    CHECK(restore_local_weights(restored, state.local.unsaved_blob).empty());
    REQUIRE(restored.local.model);
    CHECK(restored.local.model->kind() == eval::LocalKind::Linear);

    // A file of this kind is adopted with its chosen settings.
    State adopted = with_toy_split();
    REQUIRE(adopt_local_model(adopted, state.local.unsaved_blob, "linear.tbmodel").empty());
    CHECK(adopted.local.facts.kind == eval::LocalKind::Linear);
    CHECK(adopted.eval.evaluations[0].candidate.model == e.candidate.model);
}

TEST_CASE("local model: a TF-IDF model repeated over splits is trained again with the settings its search chose", "[local]") {
    State state = with_toy_split();
    state.local.kind = eval::LocalKind::Linear;
    linear::SearchSettings grid;
    grid.ngrams = {1};
    grid.strengths = {0.5, 5};
    grid.learning_curve = false;
    apply(state, SetLinearSettings{grid});
    apply(state, TrainLocalModel{});
    train_to_the_end(state);
    const double chosen = state.local.facts.strength;
    apply(state, SetRepeats{2});
    rebuild_reports(state.eval, &state.data.dataset->split, 5, prompt::PriceTable{});
    REQUIRE(start_next_split_training(state));
    REQUIRE(state.local.split_run->linear());
    CHECK(state.local.split_run->linear()->grid_size() == 1);
    CHECK(state.local.split_run->linear()->settings().strengths == std::vector<double>{chosen});
    while (!state.local.split_run->done()) state.local.split_run->step(100);
    finish_split_training(state);
    REQUIRE(state.eval.local_split_accuracy.size() == 1);
    // The same as training that setting alone on the split's training rows and answering its test rows.
    const data::Split& split = state.eval.splits[1];
    std::vector<std::string> texts;
    std::vector<int> labels;
    for (const auto& row : split.train) {
        texts.push_back(row.fields[1]);
        labels.push_back(static_cast<int>(std::find(split.classes.begin(), split.classes.end(), row.label) - split.classes.begin()));
    }
    linear::SearchSettings alone = grid;
    alone.strengths = {chosen};
    linear::LinearSearch search(texts, labels, {}, {}, split.classes, alone);
    while (!search.done()) search.step(1000);
    const linear::LinearModel model = search.take_model();
    std::size_t correct = 0;
    for (const auto& row : split.test) {
        correct += split.classes[static_cast<std::size_t>(model.predict_label(row.fields[1]))] == row.label;
    }
    CHECK(state.eval.local_split_accuracy.begin()->second ==
          static_cast<double>(correct) / static_cast<double>(split.test.size()));
}

TEST_CASE("local model: character n-grams are kept in the settings, the model's name and its repeats", "[local]") {
    State state = with_toy_split();
    state.local.kind = eval::LocalKind::Linear;
    linear::SearchSettings grid;
    grid.ngrams = {1};
    grid.strengths = {1, 10};
    grid.learning_curve = false;
    grid.chars = linear::kCharGrams;
    apply(state, SetLinearSettings{grid});
    apply(state, TrainLocalModel{});
    train_to_the_end(state);
    REQUIRE(state.local.model);
    const LocalModelFacts& facts = state.local.facts;
    CHECK(facts.chars == linear::kCharGrams);
    for (const linear::Trial& t : facts.trials) CHECK(t.chars == linear::kCharGrams);
    const std::string label = local_model_label(facts);
    CHECK(label.find(" · words + characters 2–5 · C ") != std::string::npos);
    CHECK(state.status.text.find("(best of 2 settings: words + characters 2–5, C ") != std::string::npos);

    State restored;
    REQUIRE(restore_experiment(restored, experiment_to_json(state)).empty());
    CHECK(restored.local.linear_settings == grid);
    CHECK(restored.local.facts.chars == linear::kCharGrams);
    CHECK(restored.local.facts.trials.at(0).chars == linear::kCharGrams);
    CHECK(local_model_label(restored.local.facts) == label);

    // Repeated over splits with the same features.
    apply(state, SetRepeats{2});
    rebuild_reports(state.eval, &state.data.dataset->split, 5, prompt::PriceTable{});
    REQUIRE(start_next_split_training(state));
    REQUIRE(state.local.split_run->linear());
    CHECK(state.local.split_run->linear()->settings().chars == linear::kCharGrams);
}

TEST_CASE("local model: epochs follow the training rows unless set", "[local]") {
    // ⌈20,000 updates / rows⌉ passes, between 5 and 200.
    CHECK(train::auto_epochs(100) == 200);
    CHECK(train::auto_epochs(120) == 167);  // 166.7 rounded up
    CHECK(train::auto_epochs(1000) == 20);
    CHECK(train::auto_epochs(3999) == 6);   // 5.0013 rounded up
    CHECK(train::auto_epochs(4000) == 5);
    CHECK(train::auto_epochs(1'000'000) == train::kAutoEpochsMin);
    CHECK(train::auto_epochs(10) == train::kAutoEpochsMax);  // 2,000 passes asked, capped
    CHECK(train::auto_epochs(0) == train::kAutoEpochsMin);
    // Four validation checks an epoch up to 25 epochs, then about a hundred a run, at least one an epoch.
    CHECK(validation_checks_per_epoch(5) == 4);
    CHECK(validation_checks_per_epoch(25) == 4);
    CHECK(validation_checks_per_epoch(26) == 3);
    CHECK(validation_checks_per_epoch(50) == 2);
    CHECK(validation_checks_per_epoch(167) == 1);

    State state = with_toy_split();
    apply(state, SetLocalSettings{train::toy_hp(), /*auto_epochs=*/true});
    CHECK(state.local.auto_epochs);
    CHECK(state.unsaved);
    const nlohmann::json shown = local_model_json(state.local, 120);
    CHECK(shown["settings"]["epochs"] == "auto");
    CHECK(shown["autoEpochs"] == 167);
    apply(state, TrainLocalModel{});
    REQUIRE(state.local.run);
    CHECK(state.local.run->fasttext()->trainer().epochs() == 167);
    CHECK(state.local.run_facts.hp.epochs == 167);
    CHECK(state.local.run_facts.classes == 3);
    // Its candidate is named by the epochs it trained with.
    while (!state.local.run->done()) state.local.run->step(5000);
    CHECK(state.local.run->fasttext()->validation_curve().size() == 167 + 1);  // one check an epoch, and the start
    finish_local_training(state, 2);
    CHECK(state.local.facts.hp.epochs == 167);
    CHECK(eval::candidate_name(state.eval.evaluations.at(0).candidate).find("167 epochs") != std::string::npos);
}

TEST_CASE("local model: saved epochs, a number or auto", "[local]") {
    State state = with_toy_split();  // 4 epochs, set by hand
    State restored;
    REQUIRE(restore_experiment(restored, experiment_to_json(state)).empty());
    CHECK_FALSE(restored.local.auto_epochs);
    CHECK(restored.local.settings.epochs == 4);
    state.local.auto_epochs = true;
    const nlohmann::json saved = experiment_to_json(state);
    CHECK(saved["localModel"]["settings"]["epochs"] == "auto");
    REQUIRE(restore_experiment(restored, saved).empty());
    CHECK(restored.local.auto_epochs);
    CHECK(restored.local.settings.dim == train::toy_hp().dim);
    // A save from before auto, with fastText's 5 written out: a number, so it is kept.
    nlohmann::json old = saved;
    old["localModel"]["settings"]["epochs"] = 5;
    REQUIRE(restore_experiment(restored, old).empty());
    CHECK_FALSE(restored.local.auto_epochs);
    CHECK(restored.local.settings.epochs == 5);
    // No epochs at all: auto.
    old["localModel"]["settings"].erase("epochs");
    REQUIRE(restore_experiment(restored, old).empty());
    CHECK(restored.local.auto_epochs);
}

TEST_CASE("local model: its curves read in plain words, in state() too", "[local]") {
    State state = with_toy_split();
    CHECK(local_model_json(state.local, 120)["verdict"]["kind"] == "none");
    CHECK(local_model_json(state.local, 120)["verdict"]["text"] == "");
    // A rate too small to move anything in one epoch: the loss never leaves ln 3.
    train::Hyperparameters stuck = train::toy_hp();
    stuck.epochs = 1;
    stuck.lr = 1e-4;
    apply(state, SetLocalSettings{stuck});
    apply(state, TrainLocalModel{});
    while (!state.local.run->done()) state.local.run->step(7);
    // Read while the run is under way (it is done, but not yet finished by the app): "so far".
    CHECK(local_model_reading(state.local).verdict == train::CurveVerdict::AtChance);
    CHECK(local_model_reading(state.local).sentence.find("So far") == 0);
    finish_local_training(state, 1);
    const nlohmann::json verdict = local_model_json(state.local, 120)["verdict"];
    CHECK(verdict["kind"] == "at_chance");
    CHECK(verdict["text"] == "The loss never left chance level (ln 3 = 1.1): the model learnt nothing — more epochs, "
                             "a higher learning rate or more rows needed.");
    // The same reading after a reload: the number of classes is saved with the facts.
    State restored;
    REQUIRE(restore_experiment(restored, experiment_to_json(state)).empty());
    CHECK(restored.local.facts.classes == 3);
    CHECK(local_model_json(restored.local, 120)["verdict"] == verdict);
}

namespace {

// The toy topics as a CSV file, read as the page reads one: a split of 30 / 30 / 30 drawn from it, and the
// loader kept (the file is open: `handle` stands for it).
std::string toy_csv(std::size_t rows) {
    const train::Labelled toy = train::toy_set(rows, 11);
    std::string csv = "label,text\n";
    for (std::size_t i = 0; i < toy.texts.size(); ++i) {
        csv += train::kClasses[static_cast<std::size_t>(toy.labels[i])] + ",\"" + toy.texts[i] + "\"\n";
    }
    return csv;
}

State with_toy_file(const std::string& csv) {
    State state;
    state.data.load.text_column = "text";
    state.data.load.label_column = "label";
    state.data.load.families = data::LabelFamilies{};
    auto loader = std::make_unique<data::Loader>(state.data.load);
    loader->feed(csv);
    loader->finish();
    Dataset dataset;
    dataset.file = OpenFile{7, "toy.csv", csv.size(), false};
    dataset.summary = data::summarize(*loader);
    dataset.loader = std::move(loader);
    state.data.dataset = std::move(dataset);
    state.data.split_settings.train = state.data.split_settings.validation = state.data.split_settings.test = 30;
    REQUIRE(redraw_split(state));
    return state;
}

// What the app does for a read of every labelled row: streams the file into the loader, then says it ended.
void read_all_rows(State& state, const std::string& csv) {
    REQUIRE(state.local.all_rows_read);
    state.local.all_rows_read->loader->feed(csv);
    finish_all_rows_read(state, "");
}

}  // namespace

TEST_CASE("local model: a rising learning curve points at the file's other labelled rows", "[local]") {
    State state = with_toy_file(toy_csv(400));
    const std::uint64_t rows = all_rows_plan(state).rows;
    REQUIRE(rows > 30);
    LocalModelFacts& facts = state.local.facts;
    facts.origin = "trained";
    facts.train_rows = 30;
    facts.learning_curve = {{8, 0.5, 1}, {15, 0.6, 1}, {30, 0.7, 1}};
    CHECK(more_rows_hint(state) == "This file has " + std::to_string(rows) +
                                       " labelled rows outside validation and test: choose \"every labelled row…\" under "
                                       "Learn from, above, and train again to learn from them.");
    facts.learning_curve.back().accuracy = 0.6;  // flat: more rows are unlikely to help
    CHECK(more_rows_hint(state).empty());
    facts.learning_curve.back().accuracy = 0.7;
    facts.all_rows = true;  // learnt from them already
    CHECK(more_rows_hint(state).empty());
    facts.all_rows = false;
    facts.train_rows = rows;  // nothing more to learn from
    CHECK(more_rows_hint(state).empty());
}

TEST_CASE("local model: trained on every labelled row outside validation and test, counted first", "[local]") {
    const std::string csv = toy_csv(400);
    State state = with_toy_file(csv);
    const data::Split split = state.data.dataset->split;
    REQUIRE(split.classes.size() == 3);
    REQUIRE(apply(state, SetLocalAllRows{true}));
    // The count before anything is read: the 400 rows less duplicates, less the 60 held out.
    const std::uint64_t eligible = state.data.dataset->summary.rows_with_text - state.data.dataset->summary.duplicates;
    const nlohmann::json shown = all_rows_json(state);
    CHECK(shown["on"] == true);
    CHECK(shown["rows"] == eligible - 60);
    CHECK(shown["sampled"] == false);
    CHECK(rows_to_learn_from(state) == eligible - 60);

    apply(state, TrainLocalModel{});
    REQUIRE(state.local.all_rows_read);
    CHECK_FALSE(state.local.run);
    CHECK(state.status.text.find("Reading toy.csv again for its " + std::to_string(eligible - 60)) == 0);
    read_all_rows(state, csv);
    CHECK_FALSE(state.local.all_rows_read);
    REQUIRE(state.local.run);
    CHECK(state.local.run_facts.train_rows == eligible - 60);
    CHECK(state.local.run_facts.all_rows);
    while (!state.local.run->done()) state.local.run->step(1000);
    finish_local_training(state, 2);
    REQUIRE(state.local.model);
    const LocalModelFacts& facts = state.local.facts;
    CHECK(facts.training_rows == eval::held_out_fingerprint(split));
    CHECK(local_model_label(facts).find(" · every labelled row (" + std::to_string(eligible - 60) + ")") != std::string::npos);
    // It answers this split's test rows, and is not repeated over splits (each would need the file read again).
    const eval::Evaluation* evaluation = state.eval.find(facts.candidate);
    REQUIRE(evaluation != nullptr);
    CHECK(evaluation->answers.size() == 30);
    CHECK(eval::not_repeatable_because(evaluation->candidate).find("every labelled row") != std::string::npos);
    CHECK(not_scored_here_because(state, facts).empty());

    // Saved and restored with what it learnt from.
    const nlohmann::json saved = to_json(state.local);
    LocalModelState restored;
    restore_local_model(restored, saved);
    CHECK(restored.all_rows);
    CHECK(restored.facts.all_rows);
    CHECK(restored.facts.training_rows == facts.training_rows);

    // Another split holds out other rows, some of which it learnt from.
    state.data.split_settings.test = 20;
    REQUIRE(redraw_split(state));
    CHECK(not_scored_here_because(state, state.local.facts).find("every labelled row") != std::string::npos);
}

TEST_CASE("local model: every labelled row needs the file, a changed file, a new split or Stop end the read", "[local]") {
    const std::string csv = toy_csv(300);
    State state = with_toy_file(csv);
    apply(state, SetLocalAllRows{true});

    // After a reload the dataset has no loader: the file must be opened again, and that is said.
    State reloaded = with_toy_file(csv);
    reloaded.local.all_rows = true;
    reloaded.data.dataset->loader.reset();
    reloaded.data.dataset->file.handle = 0;
    CHECK(all_rows_unavailable_because(reloaded) ==
          "Open toy.csv again to learn from every labelled row: after a reload the page keeps only the split's rows.");
    CHECK(all_rows_json(reloaded)["unavailable"] == all_rows_unavailable_because(reloaded));
    CHECK_FALSE(all_rows_json(reloaded).contains("rows"));
    CHECK(rows_to_learn_from(reloaded) == 30);
    apply(reloaded, TrainLocalModel{});
    CHECK_FALSE(reloaded.local.all_rows_read);
    CHECK_FALSE(reloaded.local.run);
    CHECK(reloaded.status.level == Status::Level::Error);
    CHECK(reloaded.status.text == all_rows_unavailable_because(reloaded));

    // A file that is not the one the split was drawn from.
    apply(state, TrainLocalModel{});
    read_all_rows(state, toy_csv(250));
    CHECK_FALSE(state.local.run);
    CHECK(state.status.level == Status::Level::Error);
    CHECK(state.local.error.find("not the one the split was drawn from") != std::string::npos);

    // The split drawn again while reading: the read stops.
    apply(state, TrainLocalModel{});
    REQUIRE(state.local.all_rows_read);
    state.data.split_settings.validation = 20;
    REQUIRE(redraw_split(state));
    CHECK_FALSE(state.local.all_rows_read);
    CHECK(state.local.error.find("split changed") != std::string::npos);

    // Stop.
    apply(state, TrainLocalModel{});
    REQUIRE(state.local.all_rows_read);
    apply(state, CancelLocalTraining{});
    CHECK_FALSE(state.local.all_rows_read);
}
