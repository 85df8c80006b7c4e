#include "core/linear/learning_curve.h"

#include <cmath>
#include <cstdio>

#include "core/text/format.h"

namespace tb::linear {

namespace {

std::string three(double value) {
    char text[16];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

}  // namespace

std::string learning_curve_reading(const std::vector<CurvePoint>& curve, std::size_t validation_rows) {
    if (curve.size() < 2 || validation_rows == 0) return {};
    const CurvePoint& half = curve[curve.size() - 2];
    const CurvePoint& all = curve.back();
    const double p = (half.accuracy + all.accuracy) / 2;
    const double noise = 1.96 * std::sqrt(2 * p * (1 - p) / static_cast<double>(validation_rows));
    const double gain = all.accuracy - half.accuracy;
    // Every point, as the plot shows them ("0.500 on 25 training rows, 0.600 on 50 and 0.800 on 100"); the
    // verdict reads the last step, from half the rows to all.
    std::string from = "Validation accuracy was ";
    for (std::size_t i = 0; i < curve.size(); ++i) {
        if (i > 0) from += i + 1 == curve.size() ? " and " : ", ";
        from += three(curve[i].accuracy) + " on " + text::with_commas(curve[i].rows) + (i == 0 ? " training rows" : "");
    }
    const std::string rows = text::with_commas(validation_rows) + " validation rows";
    if (gain > noise) {
        return from + ": still rising, so labelling more rows will likely raise it further — worth doing before "
                      "prompting harder or paying for fine-tuning.";
    }
    if (learning_curve_rises(curve)) {
        return from + ", the last step a rise within the noise of " + rows + " (±" + three(noise) +
               "): more labelled rows may help a little; more validation rows would tell.";
    }
    return from + ": no rise beyond the noise of " + rows + " (±" + three(noise) +
           "), so more rows of the same kind are unlikely to help much; a stronger model (embeddings, a larger or "
           "fine-tuned chat model) is the next thing to try.";
}

bool learning_curve_rises(const std::vector<CurvePoint>& curve) {
    return curve.size() >= 2 && curve.back().accuracy > curve[curve.size() - 2].accuracy;
}

}  // namespace tb::linear
