#include "core/train/curve_reading.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tb::train {

using namespace reading;

namespace {

// Finite points in x order (a stable sort: equal x keep their order).
std::vector<CurvePoint> clean(const std::vector<CurvePoint>& in) {
    std::vector<CurvePoint> out;
    out.reserve(in.size());
    for (const CurvePoint& p : in) {
        if (std::isfinite(p.x) && std::isfinite(p.y)) out.push_back(p);
    }
    std::stable_sort(out.begin(), out.end(), [](const CurvePoint& a, const CurvePoint& b) { return a.x < b.x; });
    return out;
}

double median(std::vector<double> values) {
    if (values.empty()) return NAN;
    const std::size_t mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
    const double upper = values[mid];
    if (values.size() % 2 == 1) return upper;
    const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
    return lower + (upper - lower) / 2;
}

// The median value of points [from, to).
double median_of(const std::vector<CurvePoint>& points, std::size_t from, std::size_t to) {
    std::vector<double> values;
    for (std::size_t i = from; i < to && i < points.size(); ++i) values.push_back(points[i].y);
    return median(values);
}

// The standard deviation of the points about the curve. From second differences, y[i-1] − 2y[i] +
// y[i+1], which cancel a locally straight trend (so a steady descent is not taken for noise); for
// independent noise of deviation σ they have deviation σ·√6, and the median of their absolute values
// is 0.6745 of that, a robust estimate that a few spikes do not move.
double noise(const std::vector<CurvePoint>& points) {
    if (points.size() < 3) return 0;
    std::vector<double> second;
    for (std::size_t i = 1; i + 1 < points.size(); ++i) {
        second.push_back(std::abs(points[i - 1].y - 2 * points[i].y + points[i + 1].y));
    }
    return median(second) / (0.6745 * std::sqrt(6.0));
}

// The standard error of the median of m points with noise σ (√(π/2)·σ/√m).
double median_error(double sigma, std::size_t m) {
    return 1.2533 * sigma / std::sqrt(static_cast<double>(std::max<std::size_t>(m, 1)));
}

// Whether `difference` between two medians of `a` and `b` points stands clear of both `band` of
// `level` and the noise.
bool clearly(double difference, double band, double level, double sigma, std::size_t a, std::size_t b) {
    const double noise_limit = kNoiseSigmas * std::hypot(median_error(sigma, a), median_error(sigma, b));
    return difference > band * std::abs(level) && difference > noise_limit;
}

// The series as medians of up to kWindows consecutive runs of points, and the smallest run's size.
struct Levels {
    std::vector<double> medians;
    std::size_t smallest = 0;
};

Levels levels(const std::vector<CurvePoint>& points) {
    Levels out;
    const std::size_t n = points.size();
    const std::size_t windows = std::min<std::size_t>(kWindows, n);
    out.smallest = n;
    for (std::size_t w = 0; w < windows; ++w) {
        const std::size_t from = w * n / windows, to = (w + 1) * n / windows;
        out.medians.push_back(median_of(points, from, to));
        out.smallest = std::min(out.smallest, to - from);
    }
    return out;
}

// Where the curve began: the median of its first points, less noisy than the first alone. Three at
// most, and no more than a tenth of the curve (a curve of 8 points begins with its first), so the start
// quoted is where the plot starts.
std::size_t head_size(std::size_t n) { return std::clamp<std::size_t>(n / kWindows, 1, 3); }
double head(const std::vector<CurvePoint>& points) { return median_of(points, 0, head_size(points.size())); }

std::string value(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", v);
    return text;
}

std::string position(double x) {
    char text[32];
    if (std::abs(x - std::round(x)) < 1e-9 || std::abs(x) >= 1000) {
        std::snprintf(text, sizeof text, "%.0f", x);
    } else {
        std::snprintf(text, sizeof text, "%.4g", x);
    }
    return text;
}

std::string chance_text(int classes) {
    return "ln " + std::to_string(classes) + " = " + value(std::log(static_cast<double>(classes)));
}

bool all_within(const std::vector<double>& levels, double centre, double band) {
    return std::all_of(levels.begin(), levels.end(), [&](double l) { return std::abs(l - centre) <= band; });
}

// The index of the point nearest x (the earlier on a tie).
std::size_t nearest_index(const std::vector<CurvePoint>& points, double x) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < points.size(); ++i) {
        if (std::abs(points[i].x - x) < std::abs(points[best].x - x)) best = i;
    }
    return best;
}

CurveReading verdict(CurveVerdict kind, std::string sentence) {
    CurveReading out;
    out.verdict = kind;
    out.sentence = std::move(sentence);
    return out;
}

// The training loss alone: at chance, rising or flat from the start. Nothing when it moved and fell.
std::optional<CurveReading> read_training(const std::vector<CurvePoint>& train, const Curves& curves) {
    const Levels l = levels(train);
    const double sigma = noise(train);
    const double start = head(train), end = l.medians.back();
    if (curves.classes >= 2) {
        const double chance = std::log(static_cast<double>(curves.classes));
        if (all_within(l.medians, chance, kChanceBand * chance) && std::abs(start - chance) <= kChanceBand * chance) {
            return verdict(CurveVerdict::AtChance,
                           curves.finished ? "The loss never left chance level (" + chance_text(curves.classes) +
                                                 "): the model learnt nothing — more epochs, a higher learning rate "
                                                 "or more rows needed."
                                           : "So far the loss has not left chance level (" + chance_text(curves.classes) + ").");
        }
    }
    if (clearly(end - start, kFlatBand, start, sigma, head_size(train.size()), l.smallest)) {
        return verdict(CurveVerdict::Rising, "The training loss " + std::string(curves.finished ? "rose" : "has risen") +
                                                 " from " + value(start) + " to " + value(end) +
                                                 ": training is unstable — a lower learning rate may help.");
    }
    const double lowest = std::min(start, *std::min_element(l.medians.begin(), l.medians.end()));
    const double highest = std::max(start, *std::max_element(l.medians.begin(), l.medians.end()));
    const double level = median_of(train, 0, train.size());
    if (!clearly(highest - lowest, kFlatBand, level, sigma, head_size(train.size()), l.smallest)) {
        std::string sentence = (curves.finished ? "The training loss stayed" : "So far the training loss has stayed") +
                               std::string(" flat at about ") + value(level) + " from the first " + curves.unit + " on";
        if (curves.classes >= 2) {
            sentence += ", below chance level (" + chance_text(curves.classes) +
                        ") but no lower: it stopped learning early — a higher learning rate or more epochs may help.";
        } else {
            sentence += ": training changed little — the model knew the task from the start, or it needs a higher "
                        "learning rate.";
        }
        return verdict(CurveVerdict::Stalled, sentence);
    }
    return std::nullopt;
}

// The validation loss alone at chance level while the training loss fell: learnt by heart.
std::optional<CurveReading> read_validation_at_chance(const std::vector<CurvePoint>& validation,
                                                      const std::vector<CurvePoint>& train, const Curves& curves) {
    if (curves.classes < 2 || validation.size() < kMinPoints) return std::nullopt;
    const double chance = std::log(static_cast<double>(curves.classes));
    if (!all_within(levels(validation).medians, chance, kChanceBand * chance)) return std::nullopt;
    const std::string fell = train.empty() ? std::string() : value(levels(train).medians.back());
    if (!curves.finished) {
        return verdict(CurveVerdict::AtChance, "So far the validation loss has not left chance level (" +
                                                   chance_text(curves.classes) + ")" +
                                                   (fell.empty() ? "." : ", though the training loss fell to " + fell + "."));
    }
    return verdict(CurveVerdict::AtChance,
                   (fell.empty() ? "The validation loss" : "The training loss fell to " + fell + " but the validation loss") +
                       std::string(" never left chance level (") + chance_text(curves.classes) +
                       "): what the model learnt from the training rows does not carry over — more rows needed.");
}

std::optional<CurveReading> read_overfitting(const std::vector<CurvePoint>& validation,
                                             const std::vector<CurvePoint>& accuracy, const Curves& curves) {
    const std::size_t n = validation.size();
    // A running median over a twentieth of the points either side: the lowest point of the curve, not
    // of one lucky check.
    const std::size_t radius = std::max<std::size_t>(1, n / 20);
    std::vector<double> smooth(n);
    for (std::size_t i = 0; i < n; ++i) smooth[i] = median_of(validation, i >= radius ? i - radius : 0, i + radius + 1);
    const std::size_t lowest_at = static_cast<std::size_t>(std::min_element(smooth.begin(), smooth.end()) - smooth.begin());
    // The median flattens the bottom of a U over the window: the best check is the lowest one there.
    std::size_t best = lowest_at;
    for (std::size_t i = lowest_at >= radius ? lowest_at - radius : 0; i <= lowest_at + radius && i < n; ++i) {
        if (validation[i].y < validation[best].y) best = i;
    }
    const std::size_t last = std::max<std::size_t>(2, n / kWindows);
    const double end = median_of(validation, n - last, n), lowest = smooth[lowest_at];
    const double span = validation.back().x - validation.front().x;
    if (n - 1 - best < 2 || validation.back().x - validation[best].x < kOverfitAfter * span) return std::nullopt;
    if (!clearly(end - lowest, kOverfitRise, lowest, noise(validation), last, std::min(2 * radius + 1, n))) {
        return std::nullopt;
    }
    CurveReading out;
    out.verdict = CurveVerdict::Overfitting;
    // Quoted as the plot shows the check; the threshold above compared the smoothed curve.
    const std::string rise = value(validation[best].y) + " → " + value(end);
    if (best == 0) {
        out.sentence = "The validation loss " + std::string(curves.finished ? "only rose" : "has only risen") +
                       " from the start (" + rise +
                       "): the model fits the training rows but not the validation rows — more rows needed.";
        return out;
    }
    const double best_x = validation[best].x;
    out.best_x = best_x;
    double best_score = INFINITY;
    for (const double c : curves.checkpoints) {
        if (!std::isfinite(c)) continue;
        const double score = smooth[nearest_index(validation, c)];
        if (score < best_score) {
            best_score = score;
            out.best_checkpoint = c;
        }
    }
    const std::string since = "The validation loss has risen since " + curves.unit + " " + position(best_x) + " (" + rise + ")";
    std::string advice = out.best_checkpoint ? "of its checkpoints, the one at " + curves.unit + " " +
                                                   position(*out.best_checkpoint) + " is the best."
                                             : "it was best at " + curves.unit + " " + position(best_x) + ", so fewer " +
                                                   curves.unit + "s would do better.";
    if (accuracy.size() >= kMinPoints) {
        // A loss can rise while the answers stay right: the model grows sure of them, and of its few
        // mistakes. Then stopping earlier would not score better, and the sentence must not say it would.
        // Both accuracies are medians of a few checks, as everything here.
        const std::size_t m = accuracy.size(), r = std::max<std::size_t>(1, m / 20);
        const std::size_t at = nearest_index(accuracy, best_x);
        const double then = median_of(accuracy, at >= r ? at - r : 0, at + r + 1);
        const double now = median_of(accuracy, m - std::max<std::size_t>(2, m / kWindows), m);
        const std::string accuracies = value(then) + " then, " + value(now) + (curves.finished ? " at the end" : " now");
        if (now >= then) {
            out.sentence = since + ": overfitting, though " + curves.accuracy_name + " held (" + accuracies +
                           ") — the model grew over-confident rather than wrong.";
        } else {
            out.sentence = since + " and " + curves.accuracy_name + " fell (" + accuracies + "): overfitting — " + advice;
        }
    } else {
        out.sentence = since + ": overfitting — " + advice;
    }
    return out;
}

CurveReading read_end(const std::vector<CurvePoint>& deciding, bool is_validation, const Curves& curves) {
    const std::size_t n = deciding.size();
    const std::size_t tail = std::min(n, std::max<std::size_t>(4, static_cast<std::size_t>(std::ceil(kTail * static_cast<double>(n)))));
    const std::size_t half = tail / 2;
    const double earlier = median_of(deciding, n - tail, n - tail + half);
    const double later = median_of(deciding, n - tail + half, n);
    const std::string loss = is_validation ? "validation loss" : "training loss";
    if (clearly(earlier - later, kImprovingDrop, later, noise(deciding), half, tail - half)) {
        return verdict(CurveVerdict::StillImproving,
                       curves.finished ? "Still improving at the end: the " + loss + " fell from " + value(earlier) + " to " +
                                             value(later) + " over the last 30 % of the run — more epochs would likely help."
                                       : "Still improving: the " + loss + " is falling (" + value(earlier) + " → " +
                                             value(later) + " over the last 30 % of the run so far).");
    }
    const std::string fell = value(head(deciding)) + " to " + value(levels(deciding).medians.back());
    if (!curves.finished) {
        return verdict(CurveVerdict::Converged, "Levelling off so far: the " + loss + " fell from " + fell +
                                                    " and the last 30 % of the run brought little more.");
    }
    // A fall at the end larger than the threshold but within the scatter of a few noisy points: neither
    // "still improving" nor a plain "levelled off" would be sure, and the sentence says so.
    const bool within_noise = earlier - later > kImprovingDrop * std::abs(later);
    return verdict(CurveVerdict::Converged,
                   within_noise ? "Converged, as far as the noise shows: the " + loss + " fell from " + fell +
                                      ", and its fall over the last 30 % of the run is within the scatter of its "
                                      "points — more epochs would add little, if anything."
                                : "Converged: the " + loss + " fell from " + fell +
                                      " and has levelled off — more epochs would add little.");
}

}  // namespace

CurveReading read_curves(const Curves& curves) {
    const std::vector<CurvePoint> train = clean(curves.train_loss);
    const std::vector<CurvePoint> validation = clean(curves.validation_loss);
    const std::vector<CurvePoint> accuracy = clean(curves.validation_accuracy);
    if (train.empty() && validation.empty()) return {};
    const bool has_train = train.size() >= kMinPoints, has_validation = validation.size() >= kMinPoints;
    if (!has_train && !has_validation) {
        return verdict(CurveVerdict::TooShort, curves.finished ? "Too few points to read the curve."
                                                               : "Too few points yet to read the curve.");
    }
    if (has_train) {
        if (auto reading = read_training(train, curves)) return *reading;
    }
    if (has_validation) {
        if (auto reading = read_validation_at_chance(validation, train, curves)) return *reading;
        if (auto reading = read_overfitting(validation, accuracy, curves)) return *reading;
    }
    return has_validation ? read_end(validation, true, curves) : read_end(train, false, curves);
}

std::string_view verdict_key(CurveVerdict verdict) {
    switch (verdict) {
        case CurveVerdict::None: return "none";
        case CurveVerdict::TooShort: return "too_short";
        case CurveVerdict::AtChance: return "at_chance";
        case CurveVerdict::Rising: return "rising";
        case CurveVerdict::Stalled: return "stalled";
        case CurveVerdict::Overfitting: return "overfitting";
        case CurveVerdict::StillImproving: return "still_improving";
        case CurveVerdict::Converged: return "converged";
    }
    return "none";
}

}  // namespace tb::train
