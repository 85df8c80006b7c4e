#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <vector>

#include "core/train/curve_reading.h"

using namespace tb::train;
using namespace tb::train::reading;

namespace {

// n points at x = 0, step, 2·step…, y = f(i).
std::vector<CurvePoint> curve(std::size_t n, const std::function<double(std::size_t)>& f, double step = 1) {
    std::vector<CurvePoint> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back({static_cast<double>(i) * step, f(i)});
    return out;
}

// Multiplies every value by (1 + relative noise of deviation `sigma`), from a fixed seed.
std::vector<CurvePoint> noisy(std::vector<CurvePoint> points, double sigma, unsigned seed = 7) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> normal(0, sigma);
    for (CurvePoint& p : points) p.y *= 1 + normal(rng);
    return points;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const double kLn6 = std::log(6.0);

}  // namespace

TEST_CASE("curve reading: nothing, or too few points, says so") {
    CHECK(read_curves({}).verdict == CurveVerdict::None);
    CHECK(read_curves({}).sentence.empty());
    Curves few;
    few.train_loss = curve(kMinPoints - 1, [](std::size_t) { return 1.0; });
    CHECK(read_curves(few).verdict == CurveVerdict::TooShort);
    few.finished = false;
    CHECK(has(read_curves(few).sentence, "yet"));
    // Non-finite points do not count towards the minimum…
    few.train_loss.push_back({10, NAN});
    few.train_loss.push_back({INFINITY, 1.0});
    CHECK(read_curves(few).verdict == CurveVerdict::TooShort);
    // …one more finite point does.
    few.train_loss.push_back({11, 1.0});
    CHECK(read_curves(few).verdict != CurveVerdict::TooShort);
}

TEST_CASE("curve reading: a loss that never left ln k is at chance level") {
    Curves c;
    c.classes = 6;
    c.unit = "epoch";
    // The run: 1.7918 down to 1.7915 over the whole run, which the plot drew as a descent.
    c.train_loss = curve(250, [](std::size_t i) { return 1.7918 - 0.0003 * static_cast<double>(i) / 249; }, 0.02);
    const CurveReading r = read_curves(c);
    CHECK(r.verdict == CurveVerdict::AtChance);
    CHECK(has(r.sentence, "never left chance level (ln 6 = 1.79)"));
    CHECK(has(r.sentence, "more epochs"));
    CHECK(verdict_key(r.verdict) == "at_chance");
    c.finished = false;
    CHECK(read_curves(c).sentence == "So far the loss has not left chance level (ln 6 = 1.79).");
}

TEST_CASE("curve reading: the chance band's edge") {
    Curves c;
    c.classes = 6;
    const double inside = kLn6 * (1 - kChanceBand * 0.9), outside = kLn6 * (1 - kChanceBand * 1.1);
    c.train_loss = curve(100, [&](std::size_t) { return inside; });
    CHECK(read_curves(c).verdict == CurveVerdict::AtChance);
    // Just below the band and flat: stalled, below chance level, which the sentence says.
    c.train_loss = curve(100, [&](std::size_t) { return outside; });
    const CurveReading r = read_curves(c);
    CHECK(r.verdict == CurveVerdict::Stalled);
    CHECK(has(r.sentence, "below chance level (ln 6 = 1.79)"));
    // Without a chance level (a provider's token loss), the same curve is only flat.
    c.classes = 0;
    CHECK(read_curves(c).verdict == CurveVerdict::Stalled);
    CHECK_FALSE(has(read_curves(c).sentence, "chance"));
}

TEST_CASE("curve reading: the validation loss alone at chance level means nothing carried over") {
    Curves c;
    c.classes = 4;
    c.train_loss = curve(100, [](std::size_t i) { return std::log(4.0) * std::exp(-static_cast<double>(i) / 10); });
    c.validation_loss = curve(21, [](std::size_t) { return std::log(4.0); }, 5);
    const CurveReading r = read_curves(c);
    CHECK(r.verdict == CurveVerdict::AtChance);
    CHECK(has(r.sentence, "but the validation loss never left chance level (ln 4 = 1.39)"));
}

TEST_CASE("curve reading: flat, with or without noise, is stalled, and the flat band's edge") {
    Curves c;
    c.unit = "step";
    // Falls by 2 % of itself over the run: within the 3 % band.
    c.train_loss = curve(200, [](std::size_t i) { return 1.0 - 0.02 * static_cast<double>(i) / 199; });
    CurveReading r = read_curves(c);
    CHECK(r.verdict == CurveVerdict::Stalled);
    CHECK(has(r.sentence, "flat at about 0.99 from the first step on"));
    // Falls by 5 %: it moved.
    c.train_loss = curve(200, [](std::size_t i) { return 1.0 - 0.05 * static_cast<double>(i) / 199; });
    CHECK(read_curves(c).verdict != CurveVerdict::Stalled);
    // Per-step batch losses scatter by 10 % about a flat 0.4: still flat, not "improving" nor "rising".
    c.train_loss = noisy(curve(300, [](std::size_t) { return 0.4; }), 0.1);
    r = read_curves(c);
    CHECK(r.verdict == CurveVerdict::Stalled);
}

TEST_CASE("curve reading: a training loss that ends above its start is rising") {
    Curves c;
    c.train_loss = curve(50, [](std::size_t i) { return 0.5 + 0.02 * static_cast<double>(i); });
    const CurveReading r = read_curves(c);
    CHECK(r.verdict == CurveVerdict::Rising);
    CHECK(has(r.sentence, "rose from 0.52 to"));  // the first three points' median is the second, 0.52
    CHECK(has(r.sentence, "lower learning rate"));
}

TEST_CASE("curve reading: validation loss rising well after its lowest point is overfitting") {
    Curves c;
    c.classes = 6;
    c.unit = "epoch";
    c.train_loss = curve(200, [](std::size_t i) { return kLn6 * std::exp(-static_cast<double>(i) / 30); }, 0.05);
    // A U: lowest at epoch 3, 0.98 at epoch 0, 1.78 at epoch 10; checked four times an epoch.
    c.validation_loss = curve(41, [](std::size_t i) {
        const double x = static_cast<double>(i) / 4;
        return 0.8 + 0.02 * (x - 3) * (x - 3);
    }, 0.25);
    CurveReading r = read_curves(c);
    CHECK(r.verdict == CurveVerdict::Overfitting);
    REQUIRE(r.best_x);
    CHECK(*r.best_x == 3);
    CHECK_FALSE(r.best_checkpoint);
    CHECK(has(r.sentence, "has risen since epoch 3 (0.8 → "));
    CHECK(has(r.sentence, "fewer epochs would do better"));
    // Validation accuracy up to 0.8 at epoch 3, then falling to 0.7: quoted beside the loss.
    c.validation_accuracy = curve(41, [](std::size_t i) {
        const double s = static_cast<double>(i);
        return i <= 12 ? 0.5 + 0.025 * s : 0.8 - 0.1 * (s - 12) / 28;
    }, 0.25);
    r = read_curves(c);
    CHECK(r.verdict == CurveVerdict::Overfitting);
    // Medians: of the five checks at epochs 2.5-3.5 (0.75, 0.775, 0.8, 0.8 − 0.1/28, 0.8 − 0.2/28: the
    // middle one is 0.79286), and of the last four (0.8 − 0.1·26.5/28 = 0.70536).
    CHECK(has(r.sentence, "and validation accuracy fell (0.793 then, 0.705 at the end): overfitting — it was best at epoch 3"));
    // Accuracy that held while the loss rose: over-confident, and no advice to stop earlier.
    c.validation_accuracy = curve(41, [](std::size_t i) { return i <= 12 ? 0.5 + 0.025 * static_cast<double>(i) : 0.8; }, 0.25);
    r = read_curves(c);
    CHECK(r.verdict == CurveVerdict::Overfitting);
    CHECK(has(r.sentence, "overfitting, though validation accuracy held (0.8 then, 0.8 at the end)"));
    CHECK_FALSE(has(r.sentence, "fewer epochs"));
    // Noise on every check leaves the lowest point near epoch 3.
    c.validation_loss = noisy(c.validation_loss, 0.01);
    r = read_curves(c);
    CHECK(r.verdict == CurveVerdict::Overfitting);
    REQUIRE(r.best_x);
    CHECK(std::abs(*r.best_x - 3) <= 0.75);
}

TEST_CASE("curve reading: the overfitting thresholds' edges, and the best checkpoint") {
    // Steps 0…40: down from 1.5 to a floor of 1.0 (steps 16-24), up to 1 + rise by step 30, then flat.
    const auto validation = [](double rise) {
        return curve(41, [rise](std::size_t i) {
            const double s = static_cast<double>(i);
            if (i < 16) return 1.5 - 0.5 * s / 16;
            if (i <= 24) return 1.0;
            if (i < 30) return 1.0 + rise * (s - 24) / 6;
            return 1.0 + rise;
        });
    };
    Curves c;
    c.train_loss = curve(41, [](std::size_t i) { return 2.0 * std::exp(-static_cast<double>(i) / 8); });
    c.validation_loss = validation(kOverfitRise * 0.98);
    CHECK(read_curves(c).verdict != CurveVerdict::Overfitting);
    c.validation_loss = validation(kOverfitRise * 1.02);
    CurveReading r = read_curves(c);
    CHECK(r.verdict == CurveVerdict::Overfitting);
    REQUIRE(r.best_x);
    CHECK(*r.best_x == 16);  // the first step whose running median is the floor
    CHECK(has(r.sentence, "since step 16"));
    // Of checkpoints at steps 10, 20 and 30, the one on the floor.
    c.checkpoints = {10, 20, 30};
    r = read_curves(c);
    REQUIRE(r.best_checkpoint);
    CHECK(*r.best_checkpoint == 20);
    CHECK(has(r.sentence, "the one at step 20 is the best"));
}

TEST_CASE("curve reading: a rise only in the last tenth of the run is not yet overfitting") {
    Curves c;
    c.train_loss = curve(41, [](std::size_t i) { return 2.0 * std::exp(-static_cast<double>(i) / 8); });
    // Falling to step 38 (of 40), then up by 20 % in the last two steps.
    c.validation_loss = curve(41, [](std::size_t i) { return i <= 38 ? 2.0 - 0.02 * static_cast<double>(i) : 1.5; });
    CHECK(read_curves(c).verdict != CurveVerdict::Overfitting);
}

TEST_CASE("curve reading: a validation loss that only rose") {
    Curves c;
    c.train_loss = curve(41, [](std::size_t i) { return 2.0 * std::exp(-static_cast<double>(i) / 8); });
    c.validation_loss = curve(41, [](std::size_t i) { return 1.0 + 0.02 * static_cast<double>(i); });
    const CurveReading r = read_curves(c);
    CHECK(r.verdict == CurveVerdict::Overfitting);
    CHECK_FALSE(r.best_x);
    CHECK(has(r.sentence, "only rose from the start"));
}

TEST_CASE("curve reading: still improving at the end, or converged") {
    Curves c;
    c.unit = "epoch";
    // 0.5 + 1.3·e^(−x/20) over 20 epochs still falls steeply at the end…
    c.train_loss = curve(201, [](std::size_t i) { return 0.5 + 1.3 * std::exp(-static_cast<double>(i) / 200); }, 0.1);
    CurveReading r = read_curves(c);
    CHECK(r.verdict == CurveVerdict::StillImproving);
    CHECK(has(r.sentence, "Still improving at the end: the training loss fell"));
    CHECK(has(r.sentence, "more epochs would likely help"));
    c.finished = false;
    CHECK(has(read_curves(c).sentence, "so far"));
    c.finished = true;
    // …while 0.5 + 1.3·e^(−x/2) has long levelled off.
    c.train_loss = curve(201, [](std::size_t i) { return 0.5 + 1.3 * std::exp(-static_cast<double>(i) / 20); }, 0.1);
    r = read_curves(c);
    CHECK(r.verdict == CurveVerdict::Converged);
    // From the first three points' median (the second, 0.5 + 1.3·e^(−1/20)) to the last tenth's.
    CHECK(has(r.sentence, "Converged: the training loss fell from 1.74 to 0.5 "));
    // With 5 % noise on every point, each reads the same.
    c.train_loss = noisy(c.train_loss, 0.05);
    CHECK(read_curves(c).verdict == CurveVerdict::Converged);
    c.train_loss = noisy(curve(201, [](std::size_t i) { return 0.5 + 1.3 * std::exp(-static_cast<double>(i) / 200); }, 0.1), 0.05);
    CHECK(read_curves(c).verdict == CurveVerdict::StillImproving);
}

TEST_CASE("curve reading: the still-improving edge, and validation deciding over training") {
    // 1.5 down to 1.0 by point 27, 1.0 for points 28-33, then 1 − d: the last 30 % (12 of 40 points) has
    // halves at 1.0 and 1 − d, a drop of d / (1 − d) of the later level.
    const auto tail_drop = [](double d) {
        return curve(40, [d](std::size_t i) {
            if (i <= 27) return 1.5 - 0.5 * static_cast<double>(i) / 27;
            return i <= 33 ? 1.0 : 1.0 - d;
        });
    };
    Curves c;
    const double edge = kImprovingDrop / (1 + kImprovingDrop);  // d / (1 − d) = kImprovingDrop
    c.train_loss = tail_drop(edge * 1.05);
    CHECK(read_curves(c).verdict == CurveVerdict::StillImproving);
    c.train_loss = tail_drop(edge * 0.95);
    CHECK(read_curves(c).verdict == CurveVerdict::Converged);
    // The training loss still falls, the validation loss has levelled off: the validation loss decides.
    c.train_loss = tail_drop(0.2);
    c.validation_loss = curve(40, [](std::size_t i) { return i < 10 ? 1.5 - 0.05 * static_cast<double>(i) : 1.0; });
    const CurveReading r = read_curves(c);
    CHECK(r.verdict == CurveVerdict::Converged);
    CHECK(has(r.sentence, "the validation loss fell from 1.45 to 1"));
}

TEST_CASE("curve reading: a short curve is quoted from its first point") {
    // Under 30 points the start is fewer than three points (a tenth of them, at least one): with 8, the
    // first, as the plot starts.
    Curves c;
    const std::vector<double> y = {2.0, 1.2, 1.0, 0.9, 0.85, 0.84, 0.84, 0.84};
    c.train_loss = curve(y.size(), [&](std::size_t i) { return y[i]; });
    const CurveReading r = read_curves(c);
    CHECK(r.verdict == CurveVerdict::Converged);
    CHECK(r.sentence == "Converged: the training loss fell from 2 to 0.84 and has levelled off — more epochs would add little.");
}

TEST_CASE("curve reading: a fall at the end within the noise is not called improving, and says so") {
    Curves c;
    // 1 + 4·(1 − i/39)², zigzagging ±0.1: the halves of the last 30 % differ by about 0.17 (17 % of the
    // level, over the 2 % threshold), but the noise's deviation is about 0.24, and three standard errors
    // of the difference between two medians of six points are about 0.5.
    c.train_loss = curve(40, [](std::size_t i) {
        const double t = 1 - static_cast<double>(i) / 39;
        return 1 + 4 * t * t + (i % 2 == 0 ? 0.1 : -0.1);
    });
    const CurveReading r = read_curves(c);
    CHECK(r.verdict == CurveVerdict::Converged);
    CHECK(has(r.sentence, "Converged, as far as the noise shows: the training loss fell from 4.7 to"));
    // Without the zigzag the same fall is clear: still improving.
    c.train_loss = curve(40, [](std::size_t i) {
        const double t = 1 - static_cast<double>(i) / 39;
        return 1 + 4 * t * t;
    });
    CHECK(read_curves(c).verdict == CurveVerdict::StillImproving);
}

TEST_CASE("curve reading: NaNs and the order of the points change nothing") {
    Curves c;
    c.unit = "epoch";
    c.train_loss = curve(200, [](std::size_t i) { return kLn6 * std::exp(-static_cast<double>(i) / 30); }, 0.05);
    c.validation_loss = curve(41, [](std::size_t i) {
        const double x = static_cast<double>(i) / 4;
        return 0.8 + 0.02 * (x - 3) * (x - 3);
    }, 0.25);
    const CurveReading plain = read_curves(c);
    Curves messy = c;
    messy.train_loss.insert(messy.train_loss.begin() + 50, {2.5, NAN});
    messy.validation_loss.push_back({11, NAN});
    messy.validation_loss.push_back({NAN, 0.1});
    std::reverse(messy.validation_loss.begin(), messy.validation_loss.end());
    std::mt19937 rng(3);
    std::shuffle(messy.train_loss.begin(), messy.train_loss.end(), rng);
    const CurveReading read = read_curves(messy);
    CHECK(read.verdict == plain.verdict);
    CHECK(read.sentence == plain.sentence);
    CHECK(read.best_x == plain.best_x);
}
