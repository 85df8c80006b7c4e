#include "core/workflow/curve_readings.h"

#include <cmath>

#include "core/api/fine_tuning.h"
#include "core/train/model.h"

namespace tb::workflow {

namespace {

// How many of the job's steps have a value of series `index` (finetune::kSeriesNames).
std::size_t count_of(const finetune::TrackedJob& job, int index) {
    std::size_t n = 0;
    for (const api::StepMetrics& m : job.metrics) {
        if (const auto v = finetune::series_value(m, index); v && std::isfinite(*v)) ++n;
    }
    return n;
}

std::vector<train::CurvePoint> series_of(const finetune::TrackedJob& job, int index) {
    std::vector<train::CurvePoint> out;
    for (const api::StepMetrics& m : job.metrics) {
        if (const auto v = finetune::series_value(m, index)) out.push_back({static_cast<double>(m.step), *v});
    }
    return out;
}

}  // namespace

train::CurveReading local_model_reading(const LocalModelState& local) {
    const bool training = local.run != nullptr;
    const LocalModelFacts& facts = training ? local.run_facts : local.facts;
    // The linear model is solved, not trained in epochs: it has no loss curve to read (its trials and
    // learning curve say how it did).
    if (facts.kind == eval::LocalKind::Linear) return train::CurveReading{};
    const train::TrainingRun* run = training ? local.run->fasttext() : nullptr;
    const std::vector<train::LossPoint>& curve = run ? run->trainer().loss_curve() : facts.curve;
    const std::vector<train::ValidationPoint>& validation = run ? run->validation_curve() : facts.validation;
    const double epochs = facts.hp.epochs;
    train::Curves curves;
    curves.unit = "epoch";
    curves.finished = !training;
    curves.classes = static_cast<int>(facts.classes);
    if (curves.classes == 0 && !training && local.model) curves.classes = static_cast<int>(local.model->classes().size());
    for (const train::LossPoint& p : curve) curves.train_loss.push_back({p.progress * epochs, p.train_loss});
    for (const train::ValidationPoint& p : validation) {
        curves.validation_loss.push_back({p.progress * epochs, p.loss});
        curves.validation_accuracy.push_back({p.progress * epochs, p.accuracy});
    }
    return train::read_curves(curves);
}

train::CurveReading job_reading(const finetune::TrackedJob& job) {
    // Indices into finetune::kSeriesNames.
    constexpr int kTrainLoss = 0, kValidLoss = 1, kFullValidLoss = 2, kValidAccuracy = 4, kFullValidAccuracy = 5;
    const bool full = count_of(job, kFullValidLoss) >= train::reading::kMinPoints;
    train::Curves curves;
    curves.unit = "step";
    curves.accuracy_name = "validation token accuracy";
    curves.finished = job.confirmed() && api::is_final(job.job.status);
    curves.train_loss = series_of(job, kTrainLoss);
    curves.validation_loss = series_of(job, full ? kFullValidLoss : kValidLoss);
    curves.validation_accuracy = series_of(job, full ? kFullValidAccuracy : kValidAccuracy);
    for (const api::Checkpoint& checkpoint : job.checkpoints) curves.checkpoints.push_back(static_cast<double>(checkpoint.step));
    return train::read_curves(curves);
}

nlohmann::json reading_json(const train::CurveReading& reading) {
    nlohmann::json out = {{"kind", train::verdict_key(reading.verdict)}, {"text", reading.sentence}};
    if (reading.best_x) out["bestX"] = *reading.best_x;
    if (reading.best_checkpoint) out["bestCheckpoint"] = *reading.best_checkpoint;
    return out;
}

}  // namespace tb::workflow
