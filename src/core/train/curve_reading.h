#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tb::train {

// One sample of a training curve: where it was taken (a step, an epoch) and the value there.
struct CurvePoint {
    double x = 0;
    double y = 0;
};

// The curves of one training run, as the plots show them. Points need not be sorted; a point with a
// non-finite x or y is left out.
struct Curves {
    std::vector<CurvePoint> train_loss;
    std::vector<CurvePoint> validation_loss;      // empty when the run has no validation rows
    std::vector<CurvePoint> validation_accuracy;  // only quoted, never decides the verdict
    // k when the loss is the cross-entropy of a k-way choice: a model that learnt nothing scores ln k.
    // 0 when there is no such level (a provider's loss is per token of the answer, not per class).
    int classes = 0;
    std::string unit = "step";  // what x counts, as the sentence names it
    std::string accuracy_name = "validation accuracy";  // as the sentence names validation_accuracy
    bool finished = true;       // false while training: "so far" rather than "at the end"
    // Where the run kept a model one could use instead of the last (a provider's checkpoints).
    std::vector<double> checkpoints;
};

enum class CurveVerdict {
    None,            // no curve at all: nothing to say
    TooShort,        // fewer than kMinPoints points in every series
    AtChance,        // the loss never left ln k (the training loss, or the validation loss alone)
    Rising,          // the training loss ended above where it began
    Stalled,         // the training loss stayed flat (not at chance level) from the start
    Overfitting,     // the validation loss rose well after its lowest point
    StillImproving,  // the deciding loss still fell clearly over the last part of the run
    Converged,       // it fell, and has levelled off
};

struct CurveReading {
    CurveVerdict verdict = CurveVerdict::None;
    std::string sentence;                   // one sentence in plain words; empty for None
    std::optional<double> best_x;           // Overfitting: where the (smoothed) validation loss was lowest
    std::optional<double> best_checkpoint;  // Overfitting: the checkpoint whose validation loss was lowest
};

// The thresholds, each a fraction of the level it is compared with. Every comparison is between
// medians of groups of points, never single points, and must also stand clear of the curve's noise
// (see read_curves).
namespace reading {
inline constexpr std::size_t kMinPoints = 5;     // fewer: too short to say anything
inline constexpr int kWindows = 10;              // a series is summarised as medians of 10 runs of points
inline constexpr double kChanceBand = 0.03;      // within ±3 % of ln k: at chance level
inline constexpr double kFlatBand = 0.03;        // levels spread by at most 3 % of the loss: flat
inline constexpr double kOverfitRise = 0.05;     // validation loss 5 % above its lowest: overfitting…
inline constexpr double kOverfitAfter = 0.1;     // …the lowest at least a tenth of the run before the end
inline constexpr double kTail = 0.3;             // "at the end": the last 30 % of the points…
inline constexpr double kImprovingDrop = 0.02;   // …whose later half is 2 % below its earlier half
inline constexpr double kNoiseSigmas = 3;        // and every difference above 3 standard errors of noise
}  // namespace reading

// Reads the curves as a practitioner would, in this order: at chance level, rising, stalled (from the
// training loss), overfitting (from the validation loss), then still improving or converged (from the
// validation loss when there is one, as it is what carries over to new rows, else the training loss).
CurveReading read_curves(const Curves& curves);

// "at_chance", "still_improving"…: the verdict as automation and saved files name it.
std::string_view verdict_key(CurveVerdict verdict);

}  // namespace tb::train
