#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/linear/linear_model.h"
#include "core/linear/linear_search.h"
#include "core/train/model.h"
#include "core/train/training_run.h"

namespace tb::eval {

// The two kinds of classifier trained in the browser: TF-IDF + logistic regression, tuned on the
// validation rows (the default: strong from a hundred rows), and the fastText-style model (fast on very
// large data, weak on little).
enum class LocalKind { Linear, FastText };
std::string_view local_kind_key(LocalKind kind);  // "linear", "fasttext"
bool local_kind_from_key(std::string_view key, LocalKind& kind);

// A model of either kind: what answering, saving and loading need, whatever the kind.
class LocalClassifier {
public:
    explicit LocalClassifier(train::Model model) : model_(std::move(model)) {}
    explicit LocalClassifier(linear::LinearModel model) : model_(std::move(model)) {}

    LocalKind kind() const { return std::holds_alternative<linear::LinearModel>(model_) ? LocalKind::Linear : LocalKind::FastText; }
    int predict_label(std::string_view text) const;
    std::vector<double> predict(std::string_view text) const;  // a probability per class
    const std::vector<std::string>& classes() const;
    std::vector<std::uint8_t> save() const;
    // Either kind's blob, told apart by its magic; nullopt and the reason in `error` otherwise.
    static std::optional<LocalClassifier> load(std::span<const std::uint8_t> bytes, std::string* error = nullptr);

    const train::Model* fasttext() const { return std::get_if<train::Model>(&model_); }
    const linear::LinearModel* linear() const { return std::get_if<linear::LinearModel>(&model_); }

private:
    std::variant<train::Model, linear::LinearModel> model_;
};

// Answers text after text in buffers kept from row to row, so that the linear model allocates nothing
// per row: the hot path of labelling a whole file. LocalClassifier::predict is one call of it.
class LocalPredictor {
public:
    explicit LocalPredictor(const LocalClassifier& model) : model_(model), out_(model.classes().size()) {}
    // A probability per class, valid (and the caller's to change) until the next call.
    std::span<double> predict(std::string_view text);

private:
    const LocalClassifier& model_;
    linear::LinearModel::Scratch scratch_;
    std::vector<double> out_;
};

// Training of either kind, as one step machine: step(work) until done(), then take_model().
class LocalTraining {
public:
    explicit LocalTraining(std::unique_ptr<train::TrainingRun> run) : run_(std::move(run)) {}
    explicit LocalTraining(std::unique_ptr<linear::LinearSearch> search) : search_(std::move(search)) {}

    LocalKind kind() const { return search_ ? LocalKind::Linear : LocalKind::FastText; }
    std::size_t step(std::size_t work) { return search_ ? search_->step(work) : run_->step(work); }
    bool done() const { return search_ ? search_->done() : run_->done(); }
    const std::string& error() const { return search_ ? search_->error() : run_->error(); }
    double progress() const { return search_ ? search_->progress() : run_->progress(); }
    // The model; the training is then spent. Empty (no classes) after an error.
    LocalClassifier take_model();

    const train::TrainingRun* fasttext() const { return run_.get(); }
    const linear::LinearSearch* linear() const { return search_.get(); }

private:
    std::unique_ptr<train::TrainingRun> run_;
    std::unique_ptr<linear::LinearSearch> search_;
};

}  // namespace tb::eval
