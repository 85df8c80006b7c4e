#include "core/linear/scored_fit.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/train/portable_math.h"

namespace tb::linear {

namespace {

SolverSettings with_strength(SolverSettings settings, double strength) {
    settings.strength = strength;
    return settings;
}

}  // namespace

ScoredFit::ScoredFit(Problem problem, SolverSettings settings, std::vector<double> start, ScoringRows validation)
    : problem_(problem), solver_(problem, with_strength(settings, problem.strength), std::move(start)), validation_(validation) {}

std::size_t ScoredFit::step(std::size_t work) {
    if (!solver_.done()) return std::max<std::size_t>(solver_.step(work), 1);
    const std::size_t did = score_.step(*validation_.rows, validation_.which, validation_.labels, solver_.parameters(),
                                        static_cast<std::size_t>(problem_.classes), work, validation_.standardising);
    return std::max<std::size_t>(did, 1);
}

std::size_t ValidationScore::step(const FeatureRows& rows, std::span<const std::size_t> which, std::span<const int> labels,
                                  std::span<const double> parameters, std::size_t classes, std::size_t work,
                                  Standardising standardising) {
    const std::size_t weights = rows.width * classes;
    const std::span<const double> w = parameters.first(weights), b = parameters.subspan(weights, classes);
    probabilities_.resize(classes);
    std::size_t did = 0;
    for (; did < work && scored_ < labels.size(); ++did, ++scored_) {
        const std::size_t row = which.empty() ? scored_ : which[scored_];
        probabilities<double>(rows.columns_of(row), rows.values_of(row), w, b, probabilities_, standardising);
        const auto label = static_cast<std::size_t>(labels[scored_]);
        const auto top = static_cast<std::size_t>(std::max_element(probabilities_.begin(), probabilities_.end()) -
                                                  probabilities_.begin());
        if (top == label) ++correct_;
        loss_sum_ += -train::portable_log(std::max(probabilities_[label], std::numeric_limits<double>::min()));
    }
    return did;
}

double ValidationScore::accuracy() const {
    return scored_ > 0 ? static_cast<double>(correct_) / static_cast<double>(scored_) : std::numeric_limits<double>::quiet_NaN();
}

double ValidationScore::loss() const {
    return scored_ > 0 ? loss_sum_ / static_cast<double>(scored_) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace tb::linear
