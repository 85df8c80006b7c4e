#include "core/train/training_run.h"

#include <algorithm>

namespace tb::train {

TrainingRun::TrainingRun(const std::vector<std::string>& train_texts, const std::vector<int>& train_labels,
                         std::vector<std::string> validation_texts, std::vector<int> validation_labels,
                         std::vector<std::string> classes, Hyperparameters hp, int checks_per_epoch)
    : trainer_(train_texts, train_labels, std::move(classes), hp),
      validation_texts_(std::move(validation_texts)),
      validation_labels_(std::move(validation_labels)),
      train_rows_(train_texts.size()),
      // No more checks than examples, so that each falls after an example of its own.
      checks_per_epoch_(static_cast<int>(std::clamp<std::size_t>(static_cast<std::size_t>(std::max(1, checks_per_epoch)), 1,
                                                                std::max<std::size_t>(1, train_texts.size())))) {
    validation_labels_.resize(std::min(validation_labels_.size(), validation_texts_.size()));
}

std::size_t TrainingRun::next_check() const {
    // Check k of epoch e after round(k · rows / checks) of its examples: the last one is the epoch's end.
    const std::size_t epoch = static_cast<std::size_t>(checks_done_ / checks_per_epoch_);
    const std::size_t k = static_cast<std::size_t>(checks_done_ % checks_per_epoch_) + 1;
    const std::size_t within = (k * train_rows_ + static_cast<std::size_t>(checks_per_epoch_) / 2) /
                               static_cast<std::size_t>(checks_per_epoch_);
    return epoch * train_rows_ + within;
}

void TrainingRun::begin_check() {
    scored_ = 0;
    if (!validation_labels_.empty()) sums_.emplace(trainer_.model());
}

std::size_t TrainingRun::step(std::size_t work) {
    if (work == 0) return 0;
    if (sums_) return score(work);
    const bool training = trainer_.phase() == Trainer::Phase::Training;
    if (training && !started_) {
        started_ = true;
        begin_check();  // the starting point: every class equally likely
        if (!sums_) return 1;
        return score(work);
    }
    if (!training) {
        const std::size_t done_now = trainer_.step(work);
        if (trainer_.phase() != Trainer::Phase::Training || !trainer_.error().empty()) return done_now;
        return std::max<std::size_t>(done_now, 1);  // the phase changed: the caller comes back for the check
    }
    const std::size_t due = next_check();
    const std::size_t examples = trainer_.examples_done();
    const std::size_t done_now = trainer_.step(std::min(work, due > examples ? due - examples : 1));
    if (trainer_.examples_done() >= due || trainer_.done()) {
        ++checks_done_;
        begin_check();
    }
    return done_now;
}

std::size_t TrainingRun::score(std::size_t work) {
    std::size_t done_now = 0;
    for (; done_now < work && scored_ < validation_labels_.size(); ++done_now, ++scored_) {
        sums_->add(validation_texts_[scored_], validation_labels_[scored_]);
    }
    if (scored_ == validation_labels_.size()) {
        if (const Scores scores = sums_->scores(); scores.rows > 0) {
            validation_.push_back(
                ValidationPoint{trainer_.progress(), trainer_.epoch(), scores.loss, scores.accuracy, scores.rows});
        }
        sums_.reset();
    }
    return std::max<std::size_t>(done_now, 1);
}

double TrainingRun::progress() const {
    if (trainer_.phase() != Trainer::Phase::Training && trainer_.phase() != Trainer::Phase::Done) {
        return 0.1 * trainer_.preparation();
    }
    return done() ? 1.0 : 0.1 + 0.9 * trainer_.progress();
}

}  // namespace tb::train
