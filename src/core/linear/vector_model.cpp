#include "core/linear/vector_model.h"

#include <algorithm>
#include <cmath>

#include "core/linear/softmax_regression.h"

namespace tb::linear {

void StandardiserFit::add(std::span<const float> vector) {
    for (std::size_t j = 0; j < vector.size() && j < sum_.size(); ++j) {
        const double v = vector[j];
        sum_[j] += v;
        squares_[j] += v * v;
    }
    ++rows_;
}

Standardiser StandardiserFit::result() const {
    Standardiser out;
    out.mean.resize(sum_.size());
    out.scale.resize(sum_.size());
    const double n = std::max<double>(1, static_cast<double>(rows_));
    for (std::size_t j = 0; j < sum_.size(); ++j) {
        const double mean = sum_[j] / n;
        // E[x²] − mean², which rounding can take a hair below zero.
        const double variance = std::max(0.0, squares_[j] / n - mean * mean);
        const double deviation = std::sqrt(variance);
        out.mean[j] = static_cast<float>(mean);
        out.scale[j] = deviation > 1e-12 ? static_cast<float>(1.0 / deviation) : 1.0f;
    }
    return out;
}

VectorModel::VectorModel(std::vector<std::string> classes, Standardiser standardiser, std::vector<float> weights,
                         std::vector<float> bias, double strength)
    : classes_(std::move(classes)), standardiser_(std::move(standardiser)), weights_(std::move(weights)),
      bias_(std::move(bias)), strength_(strength) {}

std::vector<double> VectorModel::predict(std::span<const float> vector) const {
    if (classes_.empty() || vector.size() != dims()) return {};
    std::vector<double> out(classes_.size());
    probabilities<float>({}, vector, weights_, bias_, out, standardiser_.reading());
    return out;
}

int VectorModel::predict_label(std::span<const float> vector) const {
    const std::vector<double> p = predict(vector);
    if (p.empty()) return -1;
    return static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
}

}  // namespace tb::linear
