#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <optional>

#include "core/train/scores.h"
#include "core/train/trainer.h"

namespace tb::train {

// The model scored on the validation rows at one moment of training.
struct ValidationPoint {
    double progress = 0;  // of training (0..1), as LossPoint::progress
    int epoch = 0;        // epochs completed when scored
    double loss = 0;      // mean -log p(label)
    double accuracy = 0;
    std::size_t rows = 0;
};

// Training as the page runs it: the Trainer, with the validation rows scored at the start and then
// `checks_per_epoch` times an epoch (at each epoch's end among them), so the curves show whether the
// model is still learning or starting to overfit. Everything is sliced into step(work) units like
// the Trainer's: scoring one validation row is a unit, so no check freezes a frame however many rows.
class TrainingRun {
public:
    TrainingRun(const std::vector<std::string>& train_texts, const std::vector<int>& train_labels,
                std::vector<std::string> validation_texts, std::vector<int> validation_labels,
                std::vector<std::string> classes, Hyperparameters hp, int checks_per_epoch = 4);

    // Does up to `work` units (see Trainer::step); returns how many it did, 0 once done().
    std::size_t step(std::size_t work);
    bool done() const { return trainer_.done() && !sums_; }

    const Trainer& trainer() const { return trainer_; }
    const std::string& error() const { return trainer_.error(); }
    // 0..1 of everything: preparing counts as a tenth, about what it takes.
    double progress() const;
    const std::vector<ValidationPoint>& validation_curve() const { return validation_; }
    std::size_t validation_rows() const { return validation_labels_.size(); }

    // The trained model; the run is then spent.
    Model take_model() { return trainer_.take_model(); }

private:
    std::size_t score(std::size_t work);
    void begin_check();
    std::size_t next_check() const;  // examples_done() at which the next check is due

    Trainer trainer_;
    std::vector<std::string> validation_texts_;
    std::vector<int> validation_labels_;
    std::size_t train_rows_ = 0;
    int checks_per_epoch_ = 4;
    bool started_ = false;  // the check at progress 0 is under way or over
    int checks_done_ = 0;   // after that one
    // A check in progress: the next validation row, and the sums so far.
    std::optional<ScoreSums> sums_;
    std::size_t scored_ = 0;
    std::vector<ValidationPoint> validation_;
};

}  // namespace tb::train
