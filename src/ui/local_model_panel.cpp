#include "ui/local_model_panel.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <cstdio>

#include <imgui.h>

#include "core/eval/local_candidate.h"
#include "core/linear/learning_curve.h"
#include "core/text/format.h"
#include "core/workflow/curve_readings.h"
#include "ui/curve_plot.h"
#include "ui/trials_table.h"
#include "ui/curve_verdict.h"
#include "ui/widgets.h"

namespace tb::ui {

namespace {

using workflow::LocalModelState;

// Settings are fixed from Train until the model is in hand: the file read for every row comes first, and
// the run takes the settings when that read ends.
bool training(const LocalModelState& local) { return local.run != nullptr || local.all_rows_read != nullptr; }

// One integer setting; false until the person changes it. Step buttons are left out: typing is quicker.
bool setting(const char* label, int& value, int low, int high, const char* help) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    const bool changed = ImGui::InputInt(label, &value, 0, 0);
    help_marker(help);
    if (changed) value = std::clamp(value, low, high);
    return changed;
}

void draw_kind(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const eval::LocalKind kind = state.local.kind;
    ImGui::BeginDisabled(training(state.local));
    if (ImGui::RadioButton("TF-IDF + logistic regression", kind == eval::LocalKind::Linear)) {
        intents.push_back(workflow::SetLocalKind{eval::LocalKind::Linear});
    }
    help_marker("Word and word-pair features weighted by TF-IDF, and a logistic regression whose strength is "
                "chosen on the validation rows. Strong from a hundred labelled rows: the one to try first.");
    ImGui::SameLine();
    if (ImGui::RadioButton("fastText-style", kind == eval::LocalKind::FastText)) {
        intents.push_back(workflow::SetLocalKind{eval::LocalKind::FastText});
    }
    help_marker("Learnt word vectors, as fastText trains them: fast on very large files (hundreds of thousands of "
                "rows), weak on a few hundred.");
    ImGui::EndDisabled();
}

void draw_linear_settings(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    linear::SearchSettings search = state.local.linear_settings;
    bool changed = false;
    ImGui::BeginDisabled(training(state.local));
    bool pairs = std::find(search.ngrams.begin(), search.ngrams.end(), 2) != search.ngrams.end();
    if (ImGui::Checkbox("Also try word pairs", &pairs)) {
        search.ngrams = pairs ? std::vector<int>{1, 2} : std::vector<int>{1};
        changed = true;
    }
    help_marker("Each strength is tried with words alone and with words and pairs of neighbouring words.");
    ImGui::SameLine();
    bool chars = search.chars.on();
    if (ImGui::Checkbox("Character n-grams", &chars)) {
        search.chars = chars ? linear::kCharGrams : linear::CharRange{};
        changed = true;
    }
    {
        char help[320];
        std::snprintf(help, sizeof help,
                      "Adds every run of %d to %d characters within each word (punctuation kept) as features of "
                      "their own: they catch misspellings, word stems and codes. On real complaints: up to about 1 "
                      "point more accuracy, for 6 to 8 times the training time and several times the memory.",
                      linear::kCharGrams.min, linear::kCharGrams.max);
        help_marker(help);
    }
    ImGui::SameLine();
    changed |= ImGui::Checkbox("Learning curve", &search.learning_curve);
    help_marker("After the search, the best settings are trained again on a quarter and on half of the training "
                "rows, to show what more labelled rows would bring.");
    int min_df = search.min_df;
    if (setting("Min rows per term", min_df, 1, 1000, "Words and pairs found in fewer training rows are left out.")) {
        search.min_df = min_df;
        changed = true;
    }
    ImGui::SameLine();
    int max_features = static_cast<int>(search.max_features);
    if (setting("Max terms", max_features, 1, 10'000'000,
                "Only the most frequent words and pairs are kept (and as many character n-grams, when they are on): "
                "it bounds the model's memory on large files.")) {
        search.max_features = static_cast<std::size_t>(max_features);
        changed = true;
    }
    ImGui::EndDisabled();
    if (changed) intents.push_back(workflow::SetLinearSettings{search});
    std::string strengths;
    for (const double c : search.strengths) {
        char value[32];
        std::snprintf(value, sizeof value, "%g", c);
        strengths += (strengths.empty() ? "" : ", ") + std::string(value);
    }
    ImGui::TextDisabled("Strengths C tried: %s — %zu settings in all, each scored on the validation rows.",
                        strengths.c_str(), search.ngrams.size() * search.strengths.size());
}

// "Epochs: auto (200 for 100 rows)" ticked, or the number. Unticking starts the number at what auto
// gave, so the person adjusts from there.
bool epochs_setting(bool& auto_epochs, int& epochs, std::size_t rows) {
    const int automatic = train::auto_epochs(rows);
    bool changed = false;
    if (ImGui::Checkbox("Epochs: auto", &auto_epochs)) {
        if (!auto_epochs) epochs = automatic;
        changed = true;
    }
    ImGui::SameLine();
    if (!auto_epochs) return setting("Epochs", epochs, 1, 1000, "Passes over the training rows.") || changed;
    ImGui::TextDisabled("(%d for %s rows)", automatic, text::with_commas(rows).c_str());
    char help[256];
    std::snprintf(help, sizeof help,
                  "Passes over the training rows: enough for about %s updates (at least %d, at most %d). With "
                  "fewer, a model trained on a few hundred rows learns nothing.",
                  text::with_commas(train::kAutoEpochUpdates).c_str(), train::kAutoEpochsMin, train::kAutoEpochsMax);
    help_marker(help);
    return changed;
}

// Which rows it learns from: the split's training rows, or every labelled row of the file outside the
// split's validation and test rows (counted before anything is read; after a reload, the file is needed).
void draw_rows_choice(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const LocalModelState& local = state.local;
    const std::size_t split_rows = state.data.dataset ? state.data.dataset->split.train.size() : 0;
    const std::string unavailable = workflow::all_rows_unavailable_because(state);
    ImGui::BeginDisabled(training(local));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Learn from");
    ImGui::SameLine();
    if (ImGui::RadioButton(("the split's " + text::with_commas(split_rows) + " training rows").c_str(), !local.all_rows)) {
        intents.push_back(workflow::SetLocalAllRows{false});
    }
    ImGui::SameLine();
    std::string every = "every labelled row outside validation and test";
    if (unavailable.empty()) {
        const data::AllRowsPlan plan = workflow::all_rows_plan(state);
        every += " (" + text::with_commas(plan.rows) + ")";
    }
    if (ImGui::RadioButton(every.c_str(), local.all_rows)) intents.push_back(workflow::SetLocalAllRows{true});
    help_marker("The file is read again and every row of the split's classes that the split could have drawn — "
                "not a validation or test row — is learnt from. Validation rows still choose the settings; test "
                "rows are never seen. More rows usually help most: see the learning curve.");
    ImGui::EndDisabled();
    if (local.all_rows && !unavailable.empty()) {
        wrapped(kWarningColor, unavailable);
    } else if (local.all_rows) {
        const data::AllRowsPlan plan = workflow::all_rows_plan(state);
        if (plan.sampled()) {
            wrapped("More than " + text::with_commas(plan.limit) + ": a seeded sample of about " +
                    text::with_commas(plan.limit) + " of them is learnt from, which bounds the tab's memory and time.");
        }
    }
}

// Reading the file again for every labelled row: how far, and a way to stop.
void draw_all_rows_read(const workflow::AllRowsRead& read, std::vector<workflow::Intent>& intents) {
    const std::uint64_t done = read.loader->reader().stats().bytes;
    const float fraction = read.bytes > 0 ? static_cast<float>(static_cast<double>(done) / static_cast<double>(read.bytes)) : 0.f;
    const std::string overlay = "reading " + read.file + " again · " + text::with_commas(read.rows->rows().size()) + " rows taken";
    ImGui::ProgressBar(std::min(fraction, 1.f), ImVec2(ImGui::GetFontSize() * 24, 0), overlay.c_str());
    ImGui::SameLine();
    if (ImGui::Button("Stop training")) intents.push_back(workflow::CancelLocalTraining{});
}

void draw_settings(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    if (state.local.kind == eval::LocalKind::Linear) {
        draw_linear_settings(state, intents);
        return;
    }
    train::Hyperparameters hp = state.local.settings;
    bool auto_epochs = state.local.auto_epochs;
    const std::size_t rows = workflow::rows_to_learn_from(state);
    bool changed = false;
    ImGui::BeginDisabled(training(state.local));
    changed |= setting("Dimensions", hp.dim, 1, 1000, "Size of each word's vector. fastText's default is 100; 50 halves time and memory.");
    ImGui::SameLine();
    changed |= epochs_setting(auto_epochs, hp.epochs, rows);
    ImGui::SameLine();
    changed |= setting("Word n-grams", hp.word_ngrams, 1, 5, "Longest run of words read as one feature: 2 adds word pairs.");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    float lr = static_cast<float>(hp.lr);
    if (ImGui::InputFloat("Learning rate", &lr, 0, 0, "%.3g")) {
        hp.lr = std::clamp(static_cast<double>(lr), 1e-4, 10.0);
        changed = true;
    }
    help_marker("At the start; it falls linearly to 0 by the end.");
    ImGui::SameLine();
    changed |= setting("Buckets", hp.bucket, 1, 10'000'000, "Rows shared by all hashed n-grams. Memory is (words + buckets) × dimensions × 4 bytes.");
    ImGui::SameLine();
    int seed = static_cast<int>(hp.seed);
    if (setting("Seed", seed, 0, 1'000'000'000, "Initial weights and the order of the rows: the same seed trains the same model.")) {
        hp.seed = static_cast<std::uint64_t>(seed);
        changed = true;
    }
    changed |= setting("Char n-grams from", hp.minn, 0, 20, "Shortest character n-gram (with Char n-grams to above 0): helps with typos and rare words, and costs time.");
    ImGui::SameLine();
    changed |= setting("to", hp.maxn, 0, 20, "Longest character n-gram; 0 turns them off.");
    ImGui::SameLine();
    changed |= setting("Min count", hp.min_count, 1, 1000, "Words seen fewer times in the training rows get no vector of their own.");
    ImGui::EndDisabled();
    if (changed) intents.push_back(workflow::SetLocalSettings{hp, auto_epochs});
    const double table_mb = static_cast<double>(train::effective_bucket(hp)) * hp.dim * 4 / 1e6;
    ImGui::TextDisabled("The n-gram table takes %.0f MB, plus the words'.", table_mb);
    if (const std::string why = train::check(hp); !why.empty()) wrapped(kErrorColor, "These settings cannot be trained with: " + why + ".");
}

// The linear search's progress: which trial of how many, on which features.
std::string search_overlay(const linear::LinearSearch& search) {
    switch (search.phase()) {
    case linear::LinearSearch::Phase::Reading: return "reading the texts";
    case linear::LinearSearch::Phase::Features: return "weighing the words (TF-IDF)";
    default: break;
    }
    const std::string rows = text::with_commas(search.rows_of_fit_under_way()) + " rows";
    switch (search.fit_under_way()) {
    case linear::LinearSearch::Fit::AllRows: return "the chosen setting on all " + rows;
    case linear::LinearSearch::Fit::Curve: return "learning curve: training on " + rows;
    case linear::LinearSearch::Fit::Grid: break;
    }
    return "setting " + std::to_string(search.trials().size() + 1) + " of " + std::to_string(search.grid_size()) + " · " +
           rows + " · " + text::with_commas(search.features_of_trial_under_way()) + " terms";
}

void draw_progress(const LocalModelState& local, std::vector<workflow::Intent>& intents) {
    const eval::LocalTraining& run = *local.run;
    char overlay[128];
    if (const linear::LinearSearch* search = run.linear()) {
        std::snprintf(overlay, sizeof overlay, "%s", search_overlay(*search).c_str());
        ImGui::ProgressBar(static_cast<float>(run.progress()), ImVec2(ImGui::GetFontSize() * 24, 0), overlay);
        ImGui::SameLine();
        ImGui::Text("%s", text::format_duration(local.run_seconds).c_str());
        ImGui::SameLine();
        if (ImGui::Button("Stop training")) intents.push_back(workflow::CancelLocalTraining{});
        return;
    }
    const train::Trainer& trainer = run.fasttext()->trainer();
    if (trainer.phase() == train::Trainer::Phase::Training || trainer.phase() == train::Trainer::Phase::Done) {
        std::snprintf(overlay, sizeof overlay, "epoch %d of %d · %s of %s examples", std::min(trainer.epoch() + 1, trainer.epochs()),
                      trainer.epochs(), text::with_commas(trainer.examples_done()).c_str(),
                      text::with_commas(trainer.examples_total()).c_str());
    } else {
        const char* stage = trainer.phase() == train::Trainer::Phase::Reading    ? "reading the texts"
                            : trainer.phase() == train::Trainer::Phase::Encoding ? "encoding the texts"
                                                                                  : "drawing the initial weights";
        std::snprintf(overlay, sizeof overlay, "%s", stage);
    }
    ImGui::ProgressBar(static_cast<float>(run.progress()), ImVec2(ImGui::GetFontSize() * 24, 0), overlay);
    ImGui::SameLine();
    ImGui::Text("%s", text::format_duration(local.run_seconds).c_str());
    ImGui::SameLine();
    if (ImGui::Button("Stop training")) intents.push_back(workflow::CancelLocalTraining{});
}

std::string weights_note(LocalModelState::Weights weights) {
    switch (weights) {
    case LocalModelState::Weights::None: return "";
    case LocalModelState::Weights::Loading: return "restoring the weights kept in this browser…";
    case LocalModelState::Weights::Unsaved: return "keeping the weights in this browser…";
    case LocalModelState::Weights::Saved: return "weights kept in this browser: a reload does not train again";
    case LocalModelState::Weights::Missing: return "weights not in this browser: train again or load the model";
    }
    return "";
}

// The split whose training rows a model learnt from, as the person knows it ("seed 1 · 100 / 100 / 100 rows").
std::string split_learnt_from(const workflow::State& state, const std::string& training_rows) {
    for (const workflow::ShelvedResults& aside : state.eval.shelved) {
        if (workflow::learnt_for(aside.split, training_rows)) {
            return workflow::describe(aside.split, state.data.dataset ? state.data.dataset->file.name : "");
        }
    }
    return "another split";
}

void draw_model(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const LocalModelState& local = state.local;
    const workflow::LocalModelFacts& facts = local.facts;
    if (!workflow::not_scored_here_because(state, facts).empty()) {
        const std::string rows = facts.all_rows ? "every labelled row outside the validation and test rows of "
                                                : "the training rows of ";
        wrapped(kWarningColor, "This model learnt from " + rows + split_learnt_from(state, facts.training_rows) +
                                   ", not this split's: it is not scored here. Train again for this split, or switch "
                                   "back to that one in Evaluate.");
    }
    if (!facts.candidate.empty()) {
        ImGui::TextUnformatted(workflow::local_model_label(facts).c_str());
        std::string line = facts.origin == "trained"
                               ? "Trained in " + text::format_duration(facts.seconds) + " on " +
                                     text::with_commas(facts.train_rows) + " rows"
                               : "Loaded from " + facts.origin;
        if (!facts.validation.empty()) {
            char scores[96];
            std::snprintf(scores, sizeof scores, " · validation accuracy %.3f, loss %.3f", facts.validation.back().accuracy,
                          facts.validation.back().loss);
            line += scores;
        }
        line += " · " + text::format_bytes(facts.model_bytes);
        ImGui::TextUnformatted(line.c_str());
        const ImVec4 color = local.weights == LocalModelState::Weights::Missing ? kWarningColor
                                                                               : ImGui::GetStyle().Colors[ImGuiCol_TextDisabled];
        ImGui::TextColored(color, "%s", weights_note(local.weights).c_str());
    }
    ImGui::BeginDisabled(!local.model);
    if (ImGui::Button("Download model")) intents.push_back(workflow::DownloadLocalModel{});
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Load model…")) intents.push_back(workflow::LoadLocalModel{});
    help_marker("A .tbmodel file downloaded from Tuneboard. It answers this split's test rows: if it was "
                "trained on another split, some may be rows it learnt from.");
}

// For an exported curve's footer: the rows the model learnt from and was checked on.
std::string rows_text(const workflow::LocalModelFacts& facts) {
    return "Trained on " + text::with_commas(facts.train_rows) + " rows, validated on " +
           text::with_commas(facts.validation_rows);
}

}  // namespace

// Epochs along x: a point's progress through the run times the epochs. The reading of the curves goes
// under the loss plot, the one it reads.
void LocalModelSection::draw_curves(const std::vector<train::LossPoint>& curve,
                                    const std::vector<train::ValidationPoint>& validation, int epochs,
                                    const train::CurveReading& reading, const std::string& rows, PlotTools& tools,
                                    std::vector<workflow::Intent>& intents) {
    if (curve.empty() && validation.empty()) return;
    plot::Series train_loss{"in-browser", "Train loss", {}}, validation_loss{"in-browser", "Validation loss", {}},
        validation_accuracy{"in-browser", "Validation accuracy", {}};
    for (const auto& p : curve) plot::add_point(train_loss, {p.progress * epochs, p.train_loss});
    for (const auto& p : validation) {
        plot::add_point(validation_loss, {p.progress * epochs, p.loss});
        plot::add_point(validation_accuracy, {p.progress * epochs, p.accuracy});
    }
    const float height = ImGui::GetFontSize() * 17;  // the axis titles take two lines of it
    const int checks = workflow::validation_checks_per_epoch(epochs);
    const char* const kHowOften[] = {"once", "twice", "three times", "four times"};
    const std::string how_often = checks >= 1 && checks <= 4 ? kHowOften[checks - 1] : std::to_string(checks) + " times";
    ImGui::TextDisabled("Epochs along the bottom; validation is scored at the start and %s an epoch.", how_often.c_str());
    const std::vector<plot::Series> losses = {train_loss, validation_loss};
    const CurvePlotText loss{"In-browser classifier: loss",
                             {"Epoch", "Cross-entropy loss (mean \xe2\x88\x92log p of the true class per row)"},
                             rows, "in-browser-classifier-loss"};
    draw_curve_plot(tools, "Loss", loss, losses, loss_view_, height, intents);
    draw_curve_verdict(reading);
    const std::vector<plot::Series> accuracies = {validation_accuracy};
    const CurvePlotText accuracy{"In-browser classifier: validation accuracy",
                                 {"Epoch", "Accuracy on the validation rows (share right)"}, rows,
                                 "in-browser-classifier-accuracy"};
    draw_curve_plot(tools, "Accuracy", accuracy, accuracies, accuracy_view_, height, intents);
}

// Validation accuracy against the training rows it was trained on, and what that says.
void LocalModelSection::draw_learning_curve(const std::vector<linear::CurvePoint>& curve, std::size_t validation_rows,
                                            const std::string& rows, PlotTools& tools, std::vector<workflow::Intent>& intents) {
    if (curve.size() < 2) return;
    plot::Series accuracy{"in-browser", "Validation accuracy", {}};
    for (const linear::CurvePoint& p : curve) plot::add_point(accuracy, {static_cast<double>(p.rows), p.accuracy});
    ImGui::TextDisabled("Learning curve: training rows along the bottom, validation accuracy up the side.");
    const std::vector<plot::Series> series = {accuracy};
    const CurvePlotText text{"In-browser classifier: learning curve",
                             {"Training rows learnt from", "Accuracy on the validation rows (share right)"}, rows,
                             "in-browser-classifier-learning-curve"};
    draw_curve_plot(tools, "Learning curve", text, series, learning_curve_view_, ImGui::GetFontSize() * 15, intents);
    wrapped(linear::learning_curve_reading(curve, validation_rows));
}

void LocalModelSection::draw(const workflow::State& state, PlotTools& tools, std::vector<workflow::Intent>& intents) {
    const LocalModelState& local = state.local;
    const std::size_t rows = state.data.dataset ? state.data.dataset->split.train.size() : 0;
    wrapped("A classifier trained here, in this tab, on labelled rows of your file, and chosen or checked on the "
            "split's validation rows. No key, and no row leaves the browser. It then answers the test rows like any "
            "other candidate.", 48);
    draw_kind(state, intents);
    draw_rows_choice(state, intents);
    draw_settings(state, intents);
    if (local.all_rows_read) {
        draw_all_rows_read(*local.all_rows_read, intents);
        return;
    }
    if (local.run) {
        draw_progress(local, intents);
        if (const linear::LinearSearch* search = local.run->linear()) {
            draw_trials(search->trials(), std::nullopt);
        } else {
            const train::TrainingRun& run = *local.run->fasttext();
            draw_curves(run.trainer().loss_curve(), run.validation_curve(), local.run_facts.hp.epochs,
                        workflow::local_model_reading(local), rows_text(local.run_facts), tools, intents);
        }
        return;
    }
    ImGui::BeginDisabled(rows == 0);
    if (ImGui::Button("Train in the browser")) intents.push_back(workflow::TrainLocalModel{});
    ImGui::EndDisabled();
    if (!local.error.empty()) wrapped(kErrorColor, "The last training failed: " + local.error + ".");
    draw_model(state, intents);
    if (local.facts.kind == eval::LocalKind::Linear) {
        draw_trials(local.facts.trials, local.facts.trials.empty() ? std::nullopt : std::optional<std::size_t>(local.facts.best));
        draw_learning_curve(local.facts.learning_curve, local.facts.validation_rows, rows_text(local.facts), tools, intents);
        if (const std::string hint = workflow::more_rows_hint(state); !hint.empty()) wrapped(hint);
    } else {
        draw_curves(local.facts.curve, local.facts.validation, local.facts.hp.epochs, workflow::local_model_reading(local),
                    rows_text(local.facts), tools, intents);
    }
}

}  // namespace tb::ui
