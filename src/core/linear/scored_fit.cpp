#include "core/linear/scored_fit.h"

#include <algorithm>

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

}  // namespace tb::linear
