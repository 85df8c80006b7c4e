#include "ui/local_model_panel.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include <imgui.h>

#include "core/text/format.h"
#include "core/workflow/curve_readings.h"
#include "ui/curve_plot.h"
#include "ui/curve_verdict.h"
#include "ui/widgets.h"

namespace tb::ui {

namespace {

using workflow::LocalModelState;

// One integer setting; false until the person changes it. Step buttons are left out: typing is quicker.
bool setting(const char* label, int& value, int low, int high, const char* help) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    const bool changed = ImGui::InputInt(label, &value, 0, 0);
    help_marker(help);
    if (changed) value = std::clamp(value, low, high);
    return changed;
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

void draw_settings(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    train::Hyperparameters hp = state.local.settings;
    bool auto_epochs = state.local.auto_epochs;
    const std::size_t rows = state.data.dataset ? state.data.dataset->split.train.size() : 0;
    bool changed = false;
    ImGui::BeginDisabled(state.local.run != nullptr);
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

void draw_progress(const LocalModelState& local, std::vector<workflow::Intent>& intents) {
    const train::TrainingRun& run = *local.run;
    const train::Trainer& trainer = run.trainer();
    char overlay[96];
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

// Epochs along x: a point's progress through the run times the epochs. The reading of the curves goes
// under the loss plot, the one it reads.
void draw_curves(const std::vector<train::LossPoint>& curve, const std::vector<train::ValidationPoint>& validation,
                 int epochs, const train::CurveReading& reading, std::vector<workflow::Intent>& intents) {
    if (curve.empty() && validation.empty()) return;
    plot::Series train_loss{"in-browser", "Train loss", {}}, validation_loss{"in-browser", "Validation loss", {}},
        validation_accuracy{"in-browser", "Validation accuracy", {}};
    for (const auto& p : curve) plot::add_point(train_loss, {p.progress * epochs, p.train_loss});
    for (const auto& p : validation) {
        plot::add_point(validation_loss, {p.progress * epochs, p.loss});
        plot::add_point(validation_accuracy, {p.progress * epochs, p.accuracy});
    }
    static std::map<std::string, plot::View> views;  // for the page's life
    const float height = ImGui::GetFontSize() * 14;
    const int checks = workflow::validation_checks_per_epoch(epochs);
    const char* const kHowOften[] = {"once", "twice", "three times", "four times"};
    const std::string how_often = checks >= 1 && checks <= 4 ? kHowOften[checks - 1] : std::to_string(checks) + " times";
    ImGui::TextDisabled("Epochs along the bottom; validation is scored at the start and %s an epoch.", how_often.c_str());
    const std::vector<plot::Series> losses = {train_loss, validation_loss};
    draw_curve_plot("local-loss", "Loss", "in-browser-classifier-loss", losses, views["loss"], height, intents);
    draw_curve_verdict(reading);
    const std::vector<plot::Series> accuracies = {validation_accuracy};
    draw_curve_plot("local-accuracy", "Accuracy", "in-browser-classifier-accuracy", accuracies, views["accuracy"], height,
                    intents);
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
        if (aside.split.training_rows == training_rows) {
            return workflow::describe(aside.split, state.data.dataset ? state.data.dataset->file.name : "");
        }
    }
    return "another split";
}

void draw_model(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const LocalModelState& local = state.local;
    const workflow::LocalModelFacts& facts = local.facts;
    if (facts.origin == "trained" && !facts.training_rows.empty() && !state.eval.split.training_rows.empty() &&
        facts.training_rows != state.eval.split.training_rows) {
        wrapped(kWarningColor, "This model learnt from the training rows of " + split_learnt_from(state, facts.training_rows) +
                                   ", not this split's: it is not scored here. Train again for this split, or switch "
                                   "back to that one in Evaluate.");
    }
    if (!facts.candidate.empty()) {
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

}  // namespace

void draw_local_model_section(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const LocalModelState& local = state.local;
    const std::size_t rows = state.data.dataset ? state.data.dataset->split.train.size() : 0;
    wrapped("A fastText-style classifier trained here, in this tab, on this split's " + text::with_commas(rows) +
                " training rows and scored on its validation rows as it learns. No key, and no row leaves the "
                "browser. It then answers the test rows like any other candidate.", 48);
    draw_settings(state, intents);
    if (local.run) {
        draw_progress(local, intents);
        draw_curves(local.run->trainer().loss_curve(), local.run->validation_curve(), local.run_facts.hp.epochs,
                    workflow::local_model_reading(local), intents);
        return;
    }
    ImGui::BeginDisabled(rows == 0);
    if (ImGui::Button("Train in the browser")) intents.push_back(workflow::TrainLocalModel{});
    ImGui::EndDisabled();
    if (!local.error.empty()) wrapped(kErrorColor, "The last training failed: " + local.error + ".");
    draw_model(state, intents);
    draw_curves(local.facts.curve, local.facts.validation, local.facts.hp.epochs, workflow::local_model_reading(local), intents);
}

}  // namespace tb::ui
